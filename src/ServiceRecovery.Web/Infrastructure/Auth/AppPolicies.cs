using Microsoft.AspNetCore.Authorization;

namespace ServiceRecovery.Web.Infrastructure.Auth;

/// <summary>
/// Page policies, for navigation only: a page for managers is opened by someone who manages at least one practice. What they
/// may then do, and in which practice, is the requirement of each command and query (<see cref="AuthorizationBehavior{TMessage, TResponse}"/>).
/// </summary>
public static class AppPolicies
{
    public const string Manager = "ManagerSomewhere";
    public const string Administrator = "AdministratorSomewhere";

    public static AuthorizationBuilder AddAppPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Manager, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => AppClaims.HoldsSomewhere(c.User, StaffRole.PracticeManager)))
        .AddPolicy(Administrator, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => AppClaims.HoldsSomewhere(c.User, StaffRole.Administrator)));
}
