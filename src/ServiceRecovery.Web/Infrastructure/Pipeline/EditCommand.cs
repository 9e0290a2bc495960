namespace ServiceRecovery.Web.Infrastructure.Pipeline;

/// <summary>
/// A command that changes one thing the user read on a form: it carries the version that form was built from, so a save
/// from a stale form is refused as a conflict rather than overwriting (see <see cref="ForEdit"/>). The thing's id is
/// named by each family (CaseId, PracticeId, ImprovementId), because the pages post those names.
/// </summary>
public abstract class EditCommand<TResult> : IEditCommand<TResult>
{
    /// <summary>The version of the thing when the user's form was built (the form's hidden "Version" field).</summary>
    public Guid Version { get; set; }
}

/// <summary>
/// The same contract for a command that already derives from a form shared with a create command (the practice's details),
/// and so cannot derive from <see cref="EditCommand{TResult}"/>.
/// </summary>
public interface IEditCommand<TResult> : IAppCommand<TResult>
{
    Guid Version { get; set; }
}
