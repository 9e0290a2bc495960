using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Email;

/// <summary>The "Email" configuration section. Without an SMTP host, email goes to the pickup folder.</summary>
public sealed class EmailOptions : ISettings
{
    public static string Section => "Email";

    /// <summary>The From address, e.g. <c>ServiceRecovery &lt;no-reply@practice.example&gt;</c>.</summary>
    public string From { get; set; } = "ServiceRecovery <no-reply@servicerecovery.invalid>";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Where messages are written when no SMTP host is set; default: the data folder's <c>mail-pickup</c>.</summary>
    public string PickupFolder { get; set; } = "";

    /// <summary>Run the sender and the reminder planner in this app instance (every instance may; they never double-send).</summary>
    public bool BackgroundServices { get; set; } = true;

    /// <summary>How often the outbox is looked at and reminders are planned.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Email:PollSeconds must be a whole number of seconds, at least 1.")]
    public int PollSeconds { get; set; } = 15;

    /// <summary>Messages sent per look at the outbox.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Email:BatchSize must be a whole number, at least 1.")]
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a sender holds a message it claimed; longer than the SMTP timeout.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Email:ClaimSeconds must be a whole number of seconds, at least 1.")]
    public int ClaimSeconds { get; set; } = 120;

    /// <summary>Readiness reports Degraded while an email has waited longer than this to be sent.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Email:StuckAfterMinutes must be a whole number of minutes, at least 1.")]
    public int StuckAfterMinutes { get; set; } = 30;

    /// <summary>Readiness reports Degraded after this many send attempts, or planner runs, failed in a row.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Email:FailuresBeforeDegraded must be a whole number, at least 1.")]
    public int FailuresBeforeDegraded { get; set; } = 3;

    /// <summary>An apology overdue for longer than this when first noticed goes to the digest instead of an escalation.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Email:EscalationWindowHours must be a whole number of hours, at least 1.")]
    public int EscalationWindowHours { get; set; } = 24;

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    [Range(1, 65535, ErrorMessage = "Email:Smtp:Port must be a port number from 1 to 65535.")]
    public int Port { get; set; } = 587;

    /// <summary>Auto, None, StartTls, StartTlsWhenAvailable or SslOnConnect.</summary>
    public string Security { get; set; } = "Auto";

    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    [Range(1, int.MaxValue, ErrorMessage = "Email:Smtp:TimeoutSeconds must be a whole number of seconds, at least 1.")]
    public int TimeoutSeconds { get; set; } = 30;
}
