namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>Names of the rate-limiting policies.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public const string Public = "public";

    /// <summary>The public comment card: reads as <see cref="Public"/>, and far fewer posts, counted per hour.</summary>
    public const string CommentCard = "comment-card";
}
