namespace ServiceRecovery.Web.Features.Cases;

/// <summary>
/// A command on one recovery case, from a form on the case page (or the queue, or the approvals list): the case's id and
/// the version the form was built from. Its handler derives from <see cref="CaseCommandHandler{TCommand}"/>; each
/// command still declares its own [Requires], because who may do it differs from step to step.
/// </summary>
public abstract class CaseCommand : EditCommand<Unit>, ICaseCommand
{
    public Guid CaseId { get; set; }
}
