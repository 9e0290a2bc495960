using System.Globalization;

namespace ServiceRecovery.Benchmarks;

public sealed class BenchOptions
{
    public int Cases { get; private set; } = 100_000;
    public bool Quick { get; private set; }
    public string? DataFolder { get; private set; }
    public bool Reuse { get; private set; }
    public bool GenerateOnly { get; private set; }
    public int Clients { get; private set; } = 16;
    public TimeSpan WarmUp { get; private set; } = TimeSpan.FromSeconds(3);
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(15);
    public HashSet<string>? Only { get; private set; }
    public string Label { get; private set; } = "";
    public bool NoDocs { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        double? warmUp = null, duration = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick": options.Quick = true; options.Cases = 5_000; break;
                case "--cases": options.Cases = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--data": options.DataFolder = Next(); break;
                case "--reuse": options.Reuse = true; break;
                case "--generate-only": options.GenerateOnly = true; break;
                case "--clients": options.Clients = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmUp = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--duration": duration = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--only": options.Only = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                case "--label": options.Label = Next(); break;
                case "--no-docs": options.NoDocs = true; break;
                default: throw new ArgumentException($"Unknown option {args[i]}; see the top of Program.cs.");
            }
        }

        options.WarmUp = TimeSpan.FromSeconds(warmUp ?? (options.Quick ? 0.2 : 3));
        options.Duration = TimeSpan.FromSeconds(duration ?? (options.Quick ? 0.5 : 15));
        if (options.Label.Length == 0)
        {
            options.Label = options.Quick ? "quick" : SizeWords(options.Cases);
        }

        return options;
    }

    public static string SizeWords(int cases) => cases switch
    {
        >= 1_000_000 when cases % 1_000_000 == 0 => $"{cases / 1_000_000}M",
        >= 1_000 when cases % 1_000 == 0 => $"{cases / 1_000}k",
        _ => cases.ToString(CultureInfo.InvariantCulture),
    };

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ServiceRecovery.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmarks from the repository's build output (dotnet run --project tests/ServiceRecovery.Benchmarks).");
    }

    /// <summary>The web project's own build output, in the configuration the benchmarks were built in.</summary>
    public static string WebDll(string repository)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(repository, "src", "ServiceRecovery.Web", "bin", output.Parent!.Name, output.Name, "ServiceRecovery.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} was not found; build the solution first.");
    }
}
