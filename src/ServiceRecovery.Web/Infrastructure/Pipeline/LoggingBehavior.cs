using System.Diagnostics;

namespace ServiceRecovery.Web.Infrastructure.Pipeline;

/// <summary>
/// Outermost behaviour: one log line per request with its name, outcome, duration, user and practices.
/// It never logs the message itself: messages carry patient details.
/// </summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger, ICurrentUser user)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var name = typeof(TMessage).DeclaringType?.Name is { } slice ? $"{slice}.{typeof(TMessage).Name}" : typeof(TMessage).Name;
        try
        {
            var response = await next(message, cancellationToken);
            var outcome = response is ICommandOutcome result ? result.Outcome : "Succeeded";
            logger.LogInformation("Handled {Request} → {Outcome} in {ElapsedMs:0.0} ms for user {UserId} in practice(s) {PracticeIds}",
                name, outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds, user.UserId, user.PracticeIdsForLog);
            return response;
        }
        catch (AccessDeniedException)
        {
            logger.LogWarning("Refused {Request} after {ElapsedMs:0.0} ms for user {UserId} in practice(s) {PracticeIds}: not allowed",
                name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, user.UserId, user.PracticeIdsForLog);
            throw;
        }
        catch (Exception exception)
        {
            // The exception type only: messages from lower layers may quote values a user typed.
            logger.LogError("Failed {Request} with {ExceptionType} after {ElapsedMs:0.0} ms for user {UserId} in practice(s) {PracticeIds}",
                name, exception.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, user.UserId, user.PracticeIdsForLog);
            throw;
        }
    }
}

/// <summary>The non-generic view of a command result, for logging.</summary>
public interface ICommandOutcome
{
    string Outcome { get; }
}
