using Serilog.Core;
using Serilog.Events;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>
/// A huddle display link's token, and a recovery survey link's, is a secret: wherever a log event carries a request path (the request line,
/// the framework's request scope, the error page), the token is replaced before the event is written.
/// </summary>
public sealed class RedactSecretsEnricher : ILogEventEnricher
{
    private const string DisplayPrefix = "/huddle/display/";
    private const string SurveyPrefix = "/survey/";
    private static readonly string[] PathProperties = ["RequestPath", "Path"];

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var name in PathProperties)
        {
            if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string path })
            {
                foreach (var prefix in (string[])[DisplayPrefix, SurveyPrefix])
                {
                    if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    {
                        logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(prefix + "(token)")));
                    }
                }
            }
        }
    }
}
