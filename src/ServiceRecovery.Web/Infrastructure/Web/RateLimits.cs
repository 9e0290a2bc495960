using System.Net;
using System.Net.Sockets;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>Names of the rate-limiting policies, and the client each counts by.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public const string Public = "public";

    /// <summary>Asking for a password reset link: posts counted per hour.</summary>
    public const string PasswordReset = "password-reset";

    /// <summary>The public comment card: reads as <see cref="Public"/>, and far fewer posts, counted per hour.</summary>
    public const string CommentCard = "comment-card";

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
