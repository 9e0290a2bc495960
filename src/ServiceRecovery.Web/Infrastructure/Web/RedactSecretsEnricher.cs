using Serilog.Core;
using Serilog.Events;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// A huddle display link's token, and a recovery survey link's, is a secret: wherever a log event carries a request path (the request line,
/// the framework's request scope, the error page), the token is replaced before the event is written. A patient's PMS id in the API's
/// path (<c>PUT /api/v1/patients/{pmsId}</c>) is replaced the same way: it names a patient, and patient details stay out of the logs.
/// </summary>
public sealed class RedactSecretsEnricher : ILogEventEnricher
{
    private const string DisplayPrefix = "/huddle/display/";
    private const string SurveyPrefix = "/survey/";
    private const string PatientPrefix = "/api/v1/patients/";
    private static readonly string[] PathProperties = ["RequestPath", "Path"];
    private static readonly (string Prefix, string Mark)[] Redacted = [(DisplayPrefix, "(token)"), (SurveyPrefix, "(token)"), (PatientPrefix, "(PMS id)")];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var name in PathProperties)
        {
            if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string path })
            {
                foreach (var (prefix, mark) in Redacted)
                {
                    if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    {
                        logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(prefix + mark)));
                    }
                }
            }
        }
    }
}
