using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Seeding;

/// <summary>The "Seed" section: the demo practice for an empty database.</summary>
public sealed class SeedOptions : ISettings
{
    public static string Section => "Seed";

    /// <summary>Fill an empty database with Harbourside Dental; off, an empty install prints its first-run setup link instead.</summary>
    public bool DemoData { get; set; }

    /// <summary>One password for the demo accounts, for a repeatable demo; empty: a new random one per account.</summary>
    public string DemoPassword { get; set; } = "";
}
