using System.Text;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Features.Setup;

/// <summary>
/// <c>dotnet ServiceRecovery.Web.dll setup --admin-email … --admin-name … --practice … --time-zone … --culture … --currency …
/// [--phone …] [--address …] [--slug …]</c>, the password read from standard input (one line). For scripted installs: the
/// same command as the setup page (it issues itself a fresh setup token, so a link printed earlier stops working), with
/// exit code 0 when set up and 2, with a one-line reason, on bad input or when the install is already set up.
/// </summary>
public static class SetupCommandLine
{
    public const string Verb = "setup";
    public const int Done = 0;
    public const int Refused = 2;

    private static readonly string[] Required = ["admin-email", "admin-name", "practice", "time-zone", "culture", "currency"];
    private static readonly string[] Optional = ["phone", "address", "slug"];

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>Runs the command; <paramref name="args"/> are those after the verb.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextReader input, TextWriter output)
    {
        var (options, error) = Parse(args);
        if (options is null)
        {
            await output.WriteLineAsync($"setup: {error}");
            return Refused;
        }

        var password = await input.ReadLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync("setup: write the administrator's password on standard input (one line).");
            return Refused;
        }

        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        if (provider.GetRequiredService<DatabaseSettings>().MigrateOnStartup)
        {
            var db = provider.GetRequiredService<AppDbContext>();
            // The filter plays no part in migrating; lifted as start-up work does.
            provider.GetRequiredService<PracticeScope>().LiftForSystemWork();
            await db.Database.MigrateAsync();
        }

        if (await provider.GetRequiredService<SetupTokens>().IssueAsync(CancellationToken.None) is not { } token)
        {
            await output.WriteLineAsync("setup: this install is already set up; sign in, or ask an administrator.");
            return Refused;
        }

        var command = new SetUpInstall.Command
        {
            Token = token,
            AdminEmail = options["admin-email"],
            AdminName = options["admin-name"],
            Password = password,
            Name = options["practice"],
            TimeZoneId = options["time-zone"],
            Culture = options["culture"],
            Currency = options["currency"],
            Phone = options.GetValueOrDefault("phone"),
            Address = options.GetValueOrDefault("address")?.Replace("\\n", "\n", StringComparison.Ordinal),
            Slug = options.GetValueOrDefault("slug") ?? SlugFrom(options["practice"]),
        };
        var result = await provider.GetRequiredService<IMediator>().Send(command);
        if (result.Succeeded)
        {
            var made = result.Value!;
            await output.WriteLineAsync($"Set up: administrator {made.AdminEmail} and practice {made.PracticeName} (comment card /feedback/{made.Slug}). Sign in at /Account/SignIn.");
            return Done;
        }

        var reason = result.IsNotFound || result.Conflict is not null
            ? "this install is already set up; sign in, or ask an administrator."
            : string.Join(" ", result.Errors.Select(e => string.IsNullOrEmpty(e.Field) ? e.Message : $"--{OptionFor(e.Field)}: {e.Message}"));
        await output.WriteLineAsync($"setup: {reason}");
        return Refused;
    }

    private static (Dictionary<string, string>? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !Required.Contains(name) && !Optional.Contains(name))
            {
                return (null, $"unknown option {args[i]}; expected {string.Join(", ", Required.Concat(Optional).Select(o => "--" + o))}.");
            }

            if (i + 1 >= args.Count || options.ContainsKey(name))
            {
                return (null, options.ContainsKey(name) ? $"--{name} is given twice." : $"--{name} needs a value.");
            }

            options[name] = args[++i];
        }

        var missing = Required.Where(r => !options.ContainsKey(r)).ToList();
        return missing.Count > 0 ? (null, $"missing {string.Join(", ", missing.Select(m => "--" + m))}.") : (options, null);
    }

    private static string OptionFor(string field) => field switch
    {
        nameof(SetUpInstall.Command.AdminEmail) => "admin-email",
        nameof(SetUpInstall.Command.AdminName) => "admin-name",
        nameof(SetUpInstall.Command.Password) => "password (standard input)",
        nameof(SetUpInstall.Command.Name) => "practice",
        nameof(SetUpInstall.Command.TimeZoneId) => "time-zone",
        _ => field.ToLowerInvariant(),
    };

    /// <summary>"Harbourside Dental" → "harbourside-dental": the comment-card address name when none is given.</summary>
    public static string SlugFrom(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }
}
