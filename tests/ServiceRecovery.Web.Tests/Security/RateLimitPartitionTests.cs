using System.Net;
using ServiceRecovery.Web.Infrastructure.Web;

namespace ServiceRecovery.Web.Tests.Security;

/// <summary>Which budget a client address counts against (<see cref="RateLimits.PartitionKey"/>).</summary>
public sealed class RateLimitPartitionTests
{
    private static string Key(string? address) => RateLimits.PartitionKey(address is null ? null : IPAddress.Parse(address));

    [Fact]
    public void Each_ipv4_address_has_its_own_budget()
    {
        Key("203.0.113.5").ShouldBe("203.0.113.5");
        Key("203.0.113.6").ShouldNotBe(Key("203.0.113.5"));
    }

    [Fact]
    public void An_ipv4_mapped_ipv6_address_counts_as_the_ipv4_address_it_carries()
    {
        Key("::ffff:203.0.113.5").ShouldBe(Key("203.0.113.5"));
    }

    [Fact]
    public void Ipv6_addresses_in_one_64_share_a_budget_and_the_next_64_has_its_own()
    {
        Key("2001:db8:1:2::1").ShouldBe("2001:db8:1:2::/64");
        Key("2001:db8:1:2:ffff:ffff:ffff:ffff").ShouldBe(Key("2001:db8:1:2::1"));
        Key("2001:db8:1:3::1").ShouldBe("2001:db8:1:3::/64");
    }

    [Fact]
    public void A_connection_without_an_address_counts_against_one_shared_budget_no_address_can_reach()
    {
        Key(null).ShouldBe(RateLimits.NoAddress);
        Key("0.0.0.0").ShouldNotBe(RateLimits.NoAddress);
        Key("::").ShouldNotBe(RateLimits.NoAddress);
    }
}
