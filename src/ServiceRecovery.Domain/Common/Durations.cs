namespace ServiceRecovery.Domain;

public static class Durations
{
    /// <summary>"12 min", "3 h 5 min", "2 d 4 h": how staff say a wait out loud.</summary>
    public static string Describe(TimeSpan span) => span.TotalMinutes < 1
        ? "under a minute"
        : span.TotalHours < 1
            ? $"{(int)span.TotalMinutes} min"
            : span.TotalDays < 1
                ? $"{(int)span.TotalHours} h {span.Minutes} min"
                : $"{(int)span.TotalDays} d {span.Hours} h";
}
