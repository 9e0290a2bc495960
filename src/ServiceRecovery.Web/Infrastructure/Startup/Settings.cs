using Microsoft.Extensions.Options;

namespace ServiceRecovery.Web.Infrastructure.Startup;

/// <summary>
/// A typed options class bound from one configuration section. Every key of every such class, with its default, is in
/// appsettings.json (a test holds it), so the file lists everything an installation can set.
/// </summary>
public interface ISettings
{
    /// <summary>The configuration section, such as <c>RateLimits</c>; environment variables use <c>RateLimits__Key</c>.</summary>
    static abstract string Section { get; }
}

public static class SettingsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from its section as <c>IOptions&lt;T&gt;</c>, checked when the host starts: a wrong
    /// value stops the app with the key named instead of failing a request later.
    /// </summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services)
        where T : class, ISettings, new()
    {
        services.AddOptions<T>().BindConfiguration(T.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    /// <summary>As <see cref="AddSettings{T}(IServiceCollection)"/>, and returns the value read and checked now, for the
    /// registrations that depend on it (which provider, which email transport).</summary>
    public static T AddSettings<T>(this IServiceCollection services, IConfiguration configuration)
        where T : class, ISettings, new()
    {
        services.AddSettings<T>();
        return configuration.ReadSettings<T>();
    }

    /// <summary>The section read and checked now, for code that runs before the services exist (the data folder).</summary>
    public static T ReadSettings<T>(this IConfiguration configuration)
        where T : class, ISettings, new()
    {
        var settings = configuration.GetSection(T.Section).Get<T>() ?? new T();
        var failures = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), failures, validateAllProperties: true))
        {
            // The same messages the start-up check gives, as the InvalidOperationException start-up code throws.
            var messages = failures.Select(failure => failure.ErrorMessage ?? $"{T.Section} is not valid.").ToList();
            throw new InvalidOperationException(string.Join(" ", messages), new OptionsValidationException(T.Section, typeof(T), messages));
        }

        return settings;
    }
}
