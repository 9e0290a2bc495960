using System.Reflection;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// The least role a command or query needs, declared on its type and checked by <see cref="AuthorizationBehavior{TMessage, TResponse}"/>
/// before its handler runs. The role is asked for the practice of the thing the message touches (see <see cref="ITargetsPractice"/>
/// and the other target interfaces); a message that touches none needs the role in at least one practice, and its handler reads only
/// the practices where the person holds it (<see cref="ICurrentUser.PracticesWhere"/>). Every message declares exactly one of
/// <see cref="RequiresAttribute"/> and <see cref="PublicRequestAttribute"/>: a test lists them all, and the behaviour refuses one that declares neither.
/// Inherited, so a family of commands (the settings forms) declares it once on its base.
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresAttribute(StaffRole role) : Attribute
{
    public StaffRole Role { get; } = role;
}

/// <summary>Reads what a request type declares.</summary>
public static class Requirement
{
    /// <summary>The role a request type declares; null for a public one. A type that declares neither (or both) cannot be sent.</summary>
    public static StaffRole? Declared(Type type)
    {
        var requires = type.GetCustomAttribute<RequiresAttribute>();
        var isPublic = type.GetCustomAttribute<PublicRequestAttribute>() is not null;
        return (requires, isPublic) switch
        {
            ({ } declared, false) => declared.Role,
            (null, true) => null,
            _ => throw new InvalidOperationException(
                $"{type.FullName} must declare exactly one of [Requires] and [PublicRequest]: who may send it is part of its contract."),
        };
    }
}

/// <summary>A message anyone may send without signing in; <paramref name="why"/> says what protects it instead.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublicRequestAttribute(string why) : Attribute
{
    public string Why { get; } = why;
}

/// <summary>The message touches one practice, named by id (null: the person's practices, as for a list).</summary>
public interface ITargetsPractice
{
    Guid? TargetPracticeId { get; }
}

/// <summary>The message creates something in each of these practices: the role is needed in every one of them.</summary>
public interface ITargetsPractices
{
    IReadOnlyCollection<Guid> TargetPracticeIds { get; }
}

/// <summary>The message touches one recovery case: the role is needed in the case's practice.</summary>
public interface ITargetsCase
{
    Guid TargetCaseId { get; }
}

/// <summary>The message touches one improvement: the role is needed in the improvement's practice.</summary>
public interface ITargetsImprovement
{
    Guid TargetImprovementId { get; }
}

/// <summary>
/// The message touches a staff member's account: the role is needed in at least one practice the member belongs to,
/// and the handler changes only the memberships of practices where the editor holds it.
/// </summary>
public interface ITargetsStaffMember
{
    string? TargetUserId { get; }
}

/// <summary>The message touches one outbox message: the role is needed in the message's practice.</summary>
public interface ITargetsOutboxMessage
{
    Guid TargetMessageId { get; }
}

/// <summary>The person may not do this here. Shown as the friendly "Not allowed" page (403), never as a 500.</summary>
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException() : base("Not allowed.")
    {
    }

    public AccessDeniedException(string request) : base($"Not allowed: {request}.")
    {
    }

    public AccessDeniedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
