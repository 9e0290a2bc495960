using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>The "ForwardedHeaders" section, read into <see cref="TrustedProxies"/> (which checks each entry).</summary>
public sealed class TrustedProxyOptions : ISettings
{
    public static string Section => "ForwardedHeaders";

    /// <summary>Addresses and networks; in one environment variable, separated by commas.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>How many proxies stand in a row in front of the app.</summary>
    [Range(1, 10, ErrorMessage = TrustedProxies.ForwardLimitSetting + " must be a whole number from 1 to 10 (how many proxies stand in front of the app).")]
    public int ForwardLimit { get; set; } = 1;
}

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the app believes
/// (<c>ForwardedHeaders:KnownProxies</c>: addresses and CIDR networks). Anyone can send those headers, and the client
/// address they name is what the rate limits count and the audit trail records, so they are believed only from a
/// connection that comes from a listed proxy. With none listed (the default) the headers are ignored altogether.
/// </summary>
public sealed class TrustedProxies
{
    public const string Setting = "ForwardedHeaders:KnownProxies";

    public const string ForwardLimitSetting = "ForwardedHeaders:ForwardLimit";

    /// <summary>The framework's own switch, which believes forwarded headers from every sender.</summary>
    public const string FrameworkSwitch = "ForwardedHeaders_Enabled";

    private TrustedProxies(IReadOnlyList<IPAddress> addresses, IReadOnlyList<System.Net.IPNetwork> networks, int forwardLimit)
    {
        Addresses = addresses;
        Networks = networks;
        ForwardLimit = forwardLimit;
    }

    public IReadOnlyList<IPAddress> Addresses { get; }

    public IReadOnlyList<System.Net.IPNetwork> Networks { get; }

    /// <summary>How many proxies in a row stand in front of the app: that many entries of <c>X-Forwarded-For</c> are read, from the right.</summary>
    public int ForwardLimit { get; }

    public bool Any => Addresses.Count > 0 || Networks.Count > 0;

    /// <summary>Reads the settings; a malformed entry stops the start with a message that names it.</summary>
    public static TrustedProxies FromConfiguration(IConfiguration configuration)
    {
        if (string.Equals(configuration[FrameworkSwitch], "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"ASPNETCORE_FORWARDEDHEADERS_ENABLED (or {FrameworkSwitch}) believes forwarded headers from any sender; remove it and list the reverse proxy's address or network in {Setting} instead.");
        }

        var settings = configuration.ReadSettings<TrustedProxyOptions>();
        // The comma-separated form (one environment variable) is the section's own value, which binding to a list skips.
        var entries = (configuration.GetSection(Setting).Value ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(settings.KnownProxies.Select(entry => entry.Trim()).Where(entry => entry.Length > 0));
        return Parse(entries, settings.ForwardLimit);
    }

    /// <summary>Each entry an address (<c>10.0.0.5</c>, <c>fd00::5</c>) or a network (<c>10.0.0.0/24</c>, <c>fd00::/64</c>).</summary>
    public static TrustedProxies Parse(IEnumerable<string> entries, int forwardLimit = 1)
    {
        var addresses = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries)
        {
            var slash = entry.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                addresses.Add(ParseAddress(entry, entry));
                continue;
            }

            var address = ParseAddress(entry[..slash], entry);
            if (!int.TryParse(entry[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var prefix)
                || prefix > (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
            {
                throw Malformed(entry);
            }

            if (prefix == 0)
            {
                throw new InvalidOperationException($"{Setting}: '{entry}' would believe forwarded headers from every sender; list the proxy's own address or network.");
            }

            // The address and the prefix are good here; a network that does not start at the address has bits set after the prefix.
            if (!System.Net.IPNetwork.TryParse(entry, out var network) || !network.BaseAddress.Equals(address))
            {
                throw new InvalidOperationException($"{Setting}: '{entry}' has bits set after its prefix; give the network's first address, such as 10.0.0.0/24.");
            }

            networks.Add(network);
        }

        return new TrustedProxies(addresses, networks, forwardLimit);
    }

    /// <summary>The middleware's options: only the listed proxies, without the framework's implicit loopback entries.</summary>
    public ForwardedHeadersOptions ToOptions()
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = ForwardLimit,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var address in Addresses)
        {
            options.KnownProxies.Add(address);
        }

        foreach (var network in Networks)
        {
            options.KnownIPNetworks.Add(network);
        }

        return options;
    }

    /// <summary>Strict: four decimal parts for IPv4 (IPAddress.Parse would take "10.1" or "1"), or an IPv6 address.</summary>
    private static IPAddress ParseAddress(string text, string entry)
    {
        if (!IPAddress.TryParse(text, out var address)
            || (address.AddressFamily == AddressFamily.InterNetwork && address.ToString() != text)
            || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            || text.Contains('%', StringComparison.Ordinal))
        {
            throw Malformed(entry);
        }

        return address;
    }

    private static InvalidOperationException Malformed(string entry) =>
        new($"{Setting}: '{entry}' is neither an IP address (such as 10.0.0.5) nor a network (such as 10.0.0.0/24).");
}

public static class TrustedProxiesExtensions
{
    /// <summary>Reads and checks <see cref="TrustedProxies.Setting"/> now, so a malformed setting stops the start.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<TrustedProxyOptions>(configuration);
        return services.AddSingleton(TrustedProxies.FromConfiguration(configuration));
    }

    /// <summary>
    /// First in the pipeline. Nothing at all without configured proxies: the middleware with empty lists would believe
    /// every sender. A connection without an address (a Unix socket, the in-process test server) is never a proxy:
    /// the middleware would otherwise take the first forwarded entry from it unchecked.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<TrustedProxies>();
        if (!proxies.Any)
        {
            return app;
        }

        var options = proxies.ToOptions();
        return app.UseWhen(context => context.Connection.RemoteIpAddress is not null, branch => branch.UseForwardedHeaders(options));
    }
}
