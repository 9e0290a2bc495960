using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Features.Retention;

/// <summary>The "Retention" configuration section: the daily removal of patient details under the retention rule.</summary>
public sealed class RetentionOptions : ISettings
{
    public static string Section => "Retention";

    /// <summary>Run the retention job in this app instance (every instance may: a patient's removal is recorded once).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the job looks for patients whose details are due, as a time span (default once a day).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Retention:RunEvery must be between one minute and seven days.")]
    public TimeSpan RunEvery { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many patients one transaction removes.</summary>
    [Range(1, 1000, ErrorMessage = "Retention:BatchSize must be between 1 and 1000.")]
    public int BatchSize { get; set; } = 100;
}
