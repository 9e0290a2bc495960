using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>The "RateLimits" section: how many requests one client address may make (see <see cref="RateLimits"/>).</summary>
public sealed class RateLimitOptions : ISettings
{
    public static string Section => "RateLimits";

    /// <summary>Posts of the sign-in form (and of the emailed link and setup pages) in a fixed one-minute window.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:SignInsPerMinute must be a whole number, at least 1.")]
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Requests to the public huddle display link, and reads of the comment card, in a one-minute window.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:PublicPerMinute must be a whole number, at least 1.")]
    public int PublicPerMinute { get; set; } = 120;

    /// <summary>Comment cards sent in a fixed one-hour window.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:CommentCardPostsPerHour must be a whole number, at least 1.")]
    public int CommentCardPostsPerHour { get; set; } = 10;

    /// <summary>Posts of the forgot-password form in a fixed one-hour window.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:PasswordResetsPerHour must be a whole number, at least 1.")]
    public int PasswordResetsPerHour { get; set; } = 10;

    /// <summary>Calls of the API per key in a fixed one-minute window.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "RateLimits:ApiCallsPerMinute must be a whole number, at least 1.")]
    public int ApiCallsPerMinute { get; set; } = 600;
}

/// <summary>Names of the rate-limiting policies, and the client each counts by.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public const string Public = "public";

    /// <summary>Asking for a password reset link: posts counted per hour.</summary>
    public const string PasswordReset = "password-reset";

    /// <summary>The public comment card: reads as <see cref="Public"/>, and far fewer posts, counted per hour.</summary>
    public const string CommentCard = "comment-card";

    /// <summary>The API: calls counted per key (by the hash of the key presented; per client address without one).</summary>
    public const string ApiKey = "api-key";

    /// <summary>The budget of a connection without an address; no address is written like this.</summary>
    public const string NoAddress = "no-address";

    /// <summary>The client a request's budget belongs to (see <see cref="PartitionKey"/>).</summary>
    public static string ClientOf(HttpContext context) => PartitionKey(context.Connection.RemoteIpAddress);

    /// <summary>
    /// The budget an address counts against. IPv4 by the address (an IPv4-mapped IPv6 address is the IPv4 address it
    /// carries). IPv6 by its /64: one home or one phone network gets a whole /64, so counting each address would give
    /// one sender billions of fresh budgets. The address is the connection's, or the client's a trusted proxy named
    /// (<see cref="TrustedProxies"/>). No address at all happens only off Kestrel's TCP listener (the in-process test
    /// server, a Unix socket); those requests share one budget, <see cref="NoAddress"/>, so limits stay on rather than
    /// switching off for a connection that cannot be told apart.
    /// </summary>
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return NoAddress;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return $"{new IPAddress(bytes)}/64";
    }
}

public static class RateLimitsRegistration
{
    /// <summary>The four policies, each counting per client address with the limits of <see cref="RateLimitOptions"/>.</summary>
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddSettings<RateLimitOptions>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, settings) => AddPolicies(options, settings.Value));
        return services;
    }

    private static void AddPolicies(RateLimiterOptions options, RateLimitOptions limits)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        // The API answers every refusal as problem details; the pages keep the friendly status page.
        options.OnRejected = (context, _) => context.HttpContext.Request.Path.StartsWithSegments("/api")
            ? new ValueTask(ApiProblem.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                "This API key has made too many calls in the last minute; wait a minute and try again."))
            : ValueTask.CompletedTask;
        // The API: per key, so one practice's busy bridge never spends another's budget. Authentication runs after the
        // limiter, so the key is counted by its hash as presented; a wrong key spends only its own (or its address's) budget.
        options.AddPolicy(RateLimits.ApiKey, context => PerClient(
            context.Request.Headers[ApiKeyAuthentication.Header].ToString() is { Length: > 0 and <= 200 } key ? "key:" + SecretToken.Hash(key) : "address:" + RateLimits.ClientOf(context),
            limits.ApiCallsPerMinute, TimeSpan.FromMinutes(1)));
        // Sign-in attempts are limited per client address (password guessing).
        options.AddPolicy(RateLimits.SignIn, context => HttpMethods.IsPost(context.Request.Method)
            ? PerClient(RateLimits.ClientOf(context), limits.SignInsPerMinute, TimeSpan.FromMinutes(1))
            : RateLimitPartition.GetNoLimiter("reads"));
        // Asking for a reset link sends email: a few an hour per client address (each account has its own hourly limit too).
        options.AddPolicy(RateLimits.PasswordReset, context => HttpMethods.IsPost(context.Request.Method)
            ? PerClient(RateLimits.ClientOf(context), limits.PasswordResetsPerHour, TimeSpan.FromHours(1))
            : RateLimitPartition.GetNoLimiter("reads"));
        // The public huddle display link answers without sign-in: limited per client address too.
        options.AddPolicy(RateLimits.Public, context => PerClient(RateLimits.ClientOf(context), limits.PublicPerMinute, TimeSpan.FromMinutes(1)));
        // The comment card: reading it as the display link; sending it far less often, so nobody floods a practice's queue.
        options.AddPolicy(RateLimits.CommentCard, context => HttpMethods.IsPost(context.Request.Method)
            ? PerClient(RateLimits.ClientOf(context), limits.CommentCardPostsPerHour, TimeSpan.FromHours(1))
            : PerClient("read:" + RateLimits.ClientOf(context), limits.PublicPerMinute, TimeSpan.FromMinutes(1)));
    }

    private static RateLimitPartition<string> PerClient(string client, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window });
}
