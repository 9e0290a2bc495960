using Mediator;

using Microsoft.Extensions.DependencyInjection;

using ServiceRecovery.Domain;
using ServiceRecovery.Web.Features.Cases;
using ServiceRecovery.Web.Infrastructure.Auth;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>Authorisation lives in one place: every command and query declares who may send it, and one behaviour checks it.</summary>
public sealed class RequirementTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static IEnumerable<Type> Messages => typeof(Program).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && !t.IsInterface && typeof(IMessage).IsAssignableFrom(t));

    [Fact]
    public void Every_command_and_query_declares_who_may_send_it()
    {
        var undeclared = new List<string>();
        foreach (var type in Messages)
        {
            try
            {
                _ = Requirement.Declared(type);
            }
            catch (InvalidOperationException)
            {
                undeclared.Add(type.FullName!);
            }
        }

        undeclared.ShouldBeEmpty("each needs [Requires(role)] or [PublicRequest(why)]");
        Messages.Count().ShouldBeGreaterThan(40, "the app has dozens of commands and queries; the list must have found them");
    }

    [Fact]
    public void A_message_that_declares_nothing_cannot_be_sent()
    {
        Should.Throw<InvalidOperationException>(() => Requirement.Declared(typeof(Undeclared)));
        Should.Throw<InvalidOperationException>(() => Requirement.Declared(typeof(DeclaresBoth)));
        Requirement.Declared(typeof(CloseCase.Command)).ShouldBe(StaffRole.PracticeManager);
        Requirement.Declared(typeof(ServiceRecovery.Web.Features.Feedback.CommentCard.Command)).ShouldBeNull();
    }

    [Fact]
    public void The_authorisation_behaviour_runs_before_validation_and_the_handler_of_every_command()
    {
        using var scope = fixture.App.Services.CreateScope();
        var behaviours = scope.ServiceProvider
            .GetServices<IPipelineBehavior<CloseCase.Command, ServiceRecovery.Web.Infrastructure.Pipeline.CommandResult<Unit>>>()
            .Select(b => b.GetType().Name.Split('`')[0])
            .ToList();

        behaviours.ShouldBe(["LoggingBehavior", "AuthorizationBehavior", "ValidationBehavior", "TransactionBehavior"]);
    }

    private sealed record Undeclared : IQuery<int>;

    [Requires(StaffRole.FrontDesk)]
    [PublicRequest("both")]
    private sealed record DeclaresBoth : IQuery<int>;
}
