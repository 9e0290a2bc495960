using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using ServiceRecovery.Testing;
using ServiceRecovery.Web.Infrastructure.Startup;
using ServiceRecovery.Web.Tests.Support;

namespace ServiceRecovery.Web.Tests.Hosting;

/// <summary>
/// Every setting is a typed options class (<see cref="ISettings"/>), and appsettings.json lists every key of every one of
/// them with its default, so the file is the complete list of what an installation can set.
/// </summary>
public sealed class AppSettingsFileTests
{
    private static readonly string FilePath = Path.Combine(RepositoryFolder.Root, "src", "ServiceRecovery.Web", "appsettings.json");

    public static TheoryData<string> SettingsClasses() => [.. SettingsTypes().Select(type => type.Name)];

    [Fact]
    public void The_app_has_settings_classes_to_check() =>
        SettingsTypes().Select(type => type.Name).ShouldContain(nameof(DatabaseSettings));

    [Theory]
    [MemberData(nameof(SettingsClasses))]
    public void Appsettings_json_lists_every_key_of_the_settings_class(string name)
    {
        var type = SettingsTypes().Single(t => t.Name == name);
        var file = JsonNode.Parse(File.ReadAllText(FilePath))!.AsObject();

        var missing = Keys(type, SectionOf(type)).Where(key => Find(file, key) is null).ToList();

        missing.ShouldBeEmpty($"appsettings.json must list every key of {name}, with its default");
    }

    [Theory]
    [MemberData(nameof(SettingsClasses))]
    public void Appsettings_json_gives_each_key_the_default_the_settings_class_has(string name)
    {
        var type = SettingsTypes().Single(t => t.Name == name);
        var configuration = new ConfigurationBuilder().AddJsonFile(FilePath).Build();

        var fromFile = configuration.GetSection(SectionOf(type)).Get(type) ?? Activator.CreateInstance(type);

        JsonSerializer.Serialize(fromFile, type).ShouldBe(JsonSerializer.Serialize(Activator.CreateInstance(type), type));
    }

    [Theory]
    [InlineData("RateLimits:SignInsPerMinute", "0", "RateLimits:SignInsPerMinute must be a whole number, at least 1.")]
    [InlineData("Reports:CacheSeconds", "-1", "Reports:CacheSeconds must be a whole number of seconds, 0 or more.")]
    [InlineData("Email:PollSeconds", "0", "Email:PollSeconds must be a whole number of seconds, at least 1.")]
    [InlineData("RateLimits:PublicPerMinute", "many", "RateLimits:PublicPerMinute")]
    [InlineData("Benchmarks:Endpoints", "sometimes", "Benchmarks:Endpoints")]
    public async Task A_wrong_setting_stops_the_start_with_the_key_named(string key, string value, string message)
    {
        await using var app = new AppFactory(extraSettings: new Dictionary<string, string> { [key] = value });

        var refusal = await Should.ThrowAsync<Exception>(app.StartAsync);

        Messages(refusal).ShouldContain(m => m.Contains(message, StringComparison.Ordinal));
    }

    private static IEnumerable<Type> SettingsTypes() =>
        typeof(Program).Assembly.GetTypes().Where(type => type is { IsClass: true, IsAbstract: false } && typeof(ISettings).IsAssignableFrom(type)).OrderBy(type => type.Name);

    private static string SectionOf(Type type) =>
        (string)type.GetProperty(nameof(ISettings.Section), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>The configuration keys of a class: each settable property, and the keys of a nested settings object.</summary>
    private static IEnumerable<string> Keys(Type type, string prefix) =>
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.SetMethod is { IsPublic: true }
        let key = $"{prefix}:{property.Name}"
        from found in IsNested(property.PropertyType) ? Keys(property.PropertyType, key) : [key]
        select found;

    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    private static JsonNode? Find(JsonObject file, string key)
    {
        JsonNode? node = file;
        foreach (var part in key.Split(':'))
        {
            node = node is JsonObject parent && parent.TryGetPropertyValue(part, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private static IEnumerable<string> Messages(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception.Message;
        }
    }
}
