using System.Net;
using ServiceRecovery.Web.Infrastructure.Web;
using ServiceRecovery.Web.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ServiceRecovery.Web.Tests.Hosting;

/// <summary>
/// The invariants of docker-compose.yml and the Caddyfile that keep the forwarded headers honest: the web app is
/// reachable through Caddy alone, and believes X-Forwarded-For / X-Forwarded-Proto from Caddy's fixed address only.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string Repository = RepositoryFolder.Root;

    private readonly YamlMappingNode compose = Load(Path.Combine(Repository, "docker-compose.yml"));

    private YamlMappingNode Services => Map(compose, "services");

    private YamlMappingNode Web => Map(Services, "web");

    private YamlMappingNode Caddy => Map(Services, "caddy");

    [Fact]
    public void The_web_app_publishes_no_port_and_is_reachable_on_the_internal_network_only()
    {
        Web.Children.ContainsKey("ports").ShouldBeFalse("the web app has no published port: nobody but Caddy can connect");
        Sequence(Web, "expose").ShouldContain("8080");
        Sequence(Caddy, "ports").ShouldContain("80:80");
        Sequence(Caddy, "ports").ShouldContain("443:443");
        Services.Children.Keys.Select(key => key.ToString()).Where(name => name != "caddy")
            .ShouldAllBe(name => !Map(Services, name).Children.ContainsKey("ports"), "only Caddy publishes ports");
    }

    [Fact]
    public void The_web_app_believes_forwarded_headers_from_caddys_fixed_address_alone()
    {
        var caddyAddress = Scalar(Map(Map(Caddy, "networks"), "app"), "ipv4_address");
        var environment = Map(Web, "environment");

        Scalar(environment, "ForwardedHeaders__KnownProxies").ShouldBe(caddyAddress);
        environment.Children.Keys.Select(key => key.ToString()).ShouldNotContain("ASPNETCORE_FORWARDEDHEADERS_ENABLED");
        // The app accepts the setting (it refuses to start on a malformed one), and Caddy's address is in the fixed subnet.
        var proxies = TrustedProxies.Parse([caddyAddress]);
        proxies.Addresses.ShouldHaveSingleItem().ShouldBe(IPAddress.Parse(caddyAddress));
        var subnet = Scalar((YamlMappingNode)Sequence(Map(Map(Map(compose, "networks"), "app"), "ipam"), "config", asNodes: true).Single(), "subnet");
        System.Net.IPNetwork.Parse(subnet).Contains(IPAddress.Parse(caddyAddress)).ShouldBeTrue($"{caddyAddress} is in {subnet}");
    }

    [Fact]
    public void Caddy_proxies_its_site_address_to_the_web_apps_exposed_port_and_keeps_its_certificates_in_volumes()
    {
        var caddyfile = File.ReadAllText(Path.Combine(Repository, "Caddyfile"));
        caddyfile.ShouldContain("{$SITE_ADDRESS:localhost} {");
        caddyfile.ShouldContain("reverse_proxy web:8080");

        var volumes = Sequence(Caddy, "volumes");
        volumes.ShouldContain("./Caddyfile:/etc/caddy/Caddyfile:ro");
        volumes.ShouldContain("caddy-data:/data");
        volumes.ShouldContain("caddy-config:/config");
        Map(compose, "volumes").Children.Keys.Select(key => key.ToString()).ShouldContain("caddy-data");
        Scalar(Map(Web, "environment"), "ASPNETCORE_ENVIRONMENT").ShouldBe("Production");
    }

    private static YamlMappingNode Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (YamlMappingNode)child : throw new KeyNotFoundException($"'{key}' is missing");

    private static string Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? ((YamlScalarNode)child).Value ?? "" : throw new KeyNotFoundException($"'{key}' is missing");

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        [.. Sequence(node, key, asNodes: true).Select(item => ((YamlScalarNode)item).Value ?? "")];

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key, bool asNodes) =>
        asNodes && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? (YamlSequenceNode)child : throw new KeyNotFoundException($"'{key}' is missing");
}
