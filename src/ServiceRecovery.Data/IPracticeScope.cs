namespace ServiceRecovery.Data;

/// <summary>
/// The practices the current request may see. The DbContext filters every practice-owned table by it,
/// so a page cannot forget to.
/// </summary>
public interface IPracticeScope
{
    /// <summary>True only for start-up work (migrations, seeding, background jobs), never for a signed-in request.</summary>
    bool IsUnrestricted { get; }

    Guid[] PracticeIds { get; }
}

public sealed class FixedPracticeScope(bool unrestricted, params Guid[] practiceIds) : IPracticeScope
{
    /// <summary>For start-up work and design-time tools.</summary>
    public static readonly FixedPracticeScope Unrestricted = new(true);

    public static readonly FixedPracticeScope Nothing = new(false);

    public bool IsUnrestricted { get; } = unrestricted;

    public Guid[] PracticeIds { get; } = practiceIds;
}
