namespace ServiceRecovery.Web.Infrastructure.Pipeline;

/// <summary>A message for one field of a form ("" for the form as a whole).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// Someone else saved the thing after this user read it: who, and when (null when the store keeps no time of the change,
/// so the page says "while you were editing" rather than guess).
/// </summary>
public sealed record ConcurrencyConflict(string ChangedBy, DateTimeOffset? ChangedAt);

/// <summary>What the pipeline behaviours need to turn a failure into a typed result instead of an exception.</summary>
public interface ICommandResult<TSelf> where TSelf : ICommandResult<TSelf>
{
    bool Succeeded { get; }

    string Outcome { get; }

    static abstract TSelf Invalid(IReadOnlyList<FieldError> errors);

    static abstract TSelf Conflicted(ConcurrencyConflict conflict);

    static abstract TSelf NotFound();
}

/// <summary>The outcome of a command: done (with a value), invalid, conflicted, or not found.</summary>
public sealed class CommandResult<T> : ICommandResult<CommandResult<T>>, ICommandOutcome
{
    private CommandResult(T? value, IReadOnlyList<FieldError> errors, ConcurrencyConflict? conflict, bool isNotFound)
    {
        Value = value;
        Errors = errors;
        Conflict = conflict;
        IsNotFound = isNotFound;
    }

    public T? Value { get; }
    public IReadOnlyList<FieldError> Errors { get; }
    public ConcurrencyConflict? Conflict { get; }
    public bool IsNotFound { get; }

    public bool Succeeded => Errors.Count == 0 && Conflict is null && !IsNotFound;

    public string Outcome => Succeeded ? "Succeeded" : IsNotFound ? "NotFound" : Conflict is not null ? "Conflict" : "Invalid";

    public static CommandResult<T> Ok(T value) => new(value, [], null, false);

    public static CommandResult<T> Invalid(IReadOnlyList<FieldError> errors) => new(default, errors, null, false);

    public static CommandResult<T> Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static CommandResult<T> Conflicted(ConcurrencyConflict conflict) => new(default, [], conflict, false);

    public static CommandResult<T> NotFound() => new(default, [], null, true);
}

/// <summary>A change to data. Commands go through validation and the transaction behaviour; queries do not.</summary>
public interface IAppCommand<TValue> : Mediator.ICommand<CommandResult<TValue>>;

/// <summary>A command that edits one recovery case, with the version the user's form was built from.</summary>
public interface ICaseCommand : Auth.ITargetsCase
{
    Guid CaseId { get; set; }

    Guid Version { get; set; }

    Guid Auth.ITargetsCase.TargetCaseId => CaseId;
}
