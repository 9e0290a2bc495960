namespace ServiceRecovery.Web.Features.Feedback;

public static class FeedbackRegistration
{
    /// <summary>The comment card's form tokens (one card per rendered form).</summary>
    public static IServiceCollection AddCommentCards(this IServiceCollection services) => services.AddSingleton<CardForms>();
}
