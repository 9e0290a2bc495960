using System.Net;
using Microsoft.Extensions.Configuration;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>Reading <c>ForwardedHeaders:KnownProxies</c>: addresses and networks, and a clear refusal for anything else.</summary>
public sealed class TrustedProxiesSettingTests
{
    [Fact]
    public void Addresses_and_networks_of_both_families_are_read()
    {
        var proxies = TrustedProxies.Parse(["10.0.0.5", "fd00::5", "172.30.80.0/24", "fd00:1::/64"]);

        proxies.Addresses.ShouldBe([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5")]);
        proxies.Networks.Select(n => n.ToString()).ShouldBe(["172.30.80.0/24", "fd00:1::/64"]);
        proxies.Any.ShouldBeTrue();
    }

    [Fact]
    public void Nothing_listed_believes_no_proxy_and_the_middleware_options_hold_no_implicit_loopback()
    {
        TrustedProxies.Parse([]).Any.ShouldBeFalse();

        var options = TrustedProxies.Parse(["10.0.0.5"]).ToOptions();
        options.KnownProxies.ShouldBe([IPAddress.Parse("10.0.0.5")]);
        options.KnownIPNetworks.ShouldBeEmpty();
        options.ForwardLimit.ShouldBe(1);
    }

    [Theory]
    [InlineData("proxy.internal", "neither an IP address")]
    [InlineData("10.1", "neither an IP address")]
    [InlineData("010.0.0.1", "neither an IP address")]
    [InlineData("10.0.0.0/33", "neither an IP address")]
    [InlineData("10.0.0.0/x", "neither an IP address")]
    [InlineData("fe80::1%eth0", "neither an IP address")]
    [InlineData("10.0.0.1/24", "bits set after its prefix")]
    [InlineData("0.0.0.0/0", "every sender")]
    [InlineData("::/0", "every sender")]
    public void A_malformed_entry_is_refused_with_a_message_that_names_it(string entry, string message)
    {
        var refusal = Should.Throw<InvalidOperationException>(() => TrustedProxies.Parse(["10.0.0.5", entry]));

        refusal.Message.ShouldContain(TrustedProxies.Setting);
        refusal.Message.ShouldContain($"'{entry}'");
        refusal.Message.ShouldContain(message);
    }

    [Fact]
    public void The_setting_is_a_list_separated_by_commas_or_a_configuration_array_and_the_framework_switch_is_refused()
    {
        var fromString = TrustedProxies.FromConfiguration(Configuration(new() { [TrustedProxies.Setting] = "10.0.0.5, 10.0.1.0/24" }));
        fromString.Addresses.Count.ShouldBe(1);
        fromString.Networks.Count.ShouldBe(1);
        var fromArray = TrustedProxies.FromConfiguration(Configuration(new() { [$"{TrustedProxies.Setting}:0"] = "10.0.0.5", [$"{TrustedProxies.Setting}:1"] = "fd00::5" }));
        fromArray.Addresses.Count.ShouldBe(2);

        Should.Throw<InvalidOperationException>(() => TrustedProxies.FromConfiguration(Configuration(new() { [TrustedProxies.FrameworkSwitch] = "true" })))
            .Message.ShouldContain("ASPNETCORE_FORWARDEDHEADERS_ENABLED");
        Should.Throw<InvalidOperationException>(() => TrustedProxies.FromConfiguration(Configuration(new() { [TrustedProxies.ForwardLimitSetting] = "0" })))
            .Message.ShouldContain(TrustedProxies.ForwardLimitSetting);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
