namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>Names of the rate-limiting policies.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public const string Public = "public";
}
