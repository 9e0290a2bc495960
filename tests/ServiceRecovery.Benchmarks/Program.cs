using System.Diagnostics;
using System.Globalization;
using ServiceRecovery.Benchmarks;

// Load and data-size benchmarks of ServiceRecovery; see README, "Performance", and docs/performance.md.
//   --quick              5,000 cases, short phases (0.2 s warm-up, 0.5 s measured), no SQL floors, a tenth of the imports
//   --cases N            the size to generate (default 100000); 1000000 for the budgets
//   --data FOLDER        where databases and logs go (default artifacts/benchmarks under the repository, git-ignored)
//   --reuse              use the database of that size from an earlier run instead of generating it again
//   --generate-only      generate (and smoke-check) the database, run no load
//   --clients N          concurrent clients (default 16)
//   --warmup S, --duration S   per scenario, in seconds (defaults 3 and 15; --quick: 0.2 and 0.5)
//   --only KEYS          comma-separated scenario keys (bare, case, queue, queue-filtered, huddle, report, csv, log, fix,
//                        api-patient, api-appointment, api-case, welcome, behaviour-report, complaints-report, import, api-batch-1000,
//                        api-100k, csv-100k)
//   --label TEXT         the name of this run's section in docs/performance.md (default: the size)
//   --no-docs            print the table without writing docs/performance.md
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
ThreadPool.SetMinThreads(64, 64);

var options = BenchOptions.Parse(args);
var repository = BenchOptions.RepositoryRoot();
var dataFolder = Path.GetFullPath(options.DataFolder ?? Path.Combine(repository, "artifacts", "benchmarks"));
Directory.CreateDirectory(dataFolder);
var databasePath = Path.Combine(dataFolder, $"cases-{options.Cases}.db");
var log = Console.Out;
var run = Stopwatch.StartNew();
var loadBefore = Machine.LoadAverage();

double? generationSeconds = null;
if (!options.Reuse || !File.Exists(databasePath))
{
    log.WriteLine($"Generating {options.Cases:N0} cases into {databasePath}");
    var clock = Stopwatch.StartNew();
    await Generator.GenerateAsync(databasePath, options.Cases, log);
    generationSeconds = clock.Elapsed.TotalSeconds;
}
else
{
    log.WriteLine($"Reusing {databasePath}");
    await Generator.MigrateAsync(databasePath, log);
}

var apiKeys = await Generator.ApiKeysAsync(databasePath);
var webDll = BenchOptions.WebDll(repository);
await using var server = await AppServer.StartAsync(webDll, databasePath, Path.Combine(dataFolder, $"app-{options.Cases}"), options.Quick);
log.WriteLine($"App started (pid {server.ProcessId}) at {server.BaseAddress}, {run.Elapsed.TotalSeconds:0.0} s into the run");

using var reader = BenchData.OpenReadOnly(databasePath);
var sizes = Machine.Sizes(reader, databasePath);
var practices = BenchData.Practices(reader, apiKeys).Select(p => BenchData.Load(reader, p, exportRows: 10_000)).ToList();

// Smoke: generated cases open on their pages, with their reference, for each practice's manager.
foreach (var practice in practices)
{
    using var client = await BenchClient.SignInAsync(server.BaseAddress, practice.Practice.ManagerEmail, Generator.Password);
    foreach (var (id, reference) in practice.SampleCases.Take(10))
    {
        var (status, body) = await client.GetAsync($"/cases/{id}");
        if (status != System.Net.HttpStatusCode.OK || !body.Contains(reference, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Smoke check failed: case {reference} answered {(int)status}.{Environment.NewLine}{server.OutputTail}");
        }
    }
}

log.WriteLine("Smoke check passed: generated cases open with their references.");

// The app counts the report's months in the background after a start that finds months not yet kept (a generated
// database has none); the report is measured once that is done, as a practice's app would run it. --quick runs the app
// without kept report months (its reports read the rows).
var keeping = Stopwatch.StartNew();
while (!options.Quick && BenchData.MonthsWaiting(reader) is var waiting && waiting != 0)
{
    if (keeping.Elapsed > TimeSpan.FromMinutes(10))
    {
        throw new InvalidOperationException($"The report's months were not all kept within 10 minutes ({waiting} waiting).{Environment.NewLine}{server.OutputTail}");
    }

    await Task.Delay(500);
}

log.WriteLine(options.Quick ? "Report months: not kept (--quick)." : $"Report months kept after {keeping.Elapsed.TotalSeconds:0.0} s.");
if (options.GenerateOnly)
{
    return 0;
}

using var admin = await BenchClient.SignInAsync(server.BaseAddress, Generator.AdminEmail, Generator.Password);
// The clients sign in at once (each sign-in hashes a password: one after the other they took seconds).
var workers = (await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async i =>
{
    var practice = practices[i % practices.Count];
    var worker = new Worker(i, practice, await BenchClient.SignInAsync(server.BaseAddress, practice.Practice.ManagerEmail, Generator.Password), BenchData.OpenReadOnly(databasePath))
    {
        Api = BenchClient.ForApiKey(server.BaseAddress, practice.Practice.ApiKey),
        FrontDesk = await BenchClient.SignInAsync(server.BaseAddress, practice.Practice.FrontDeskEmail, Generator.Password),
    };
    var samepractice = options.Clients / practices.Count + (i % practices.Count < options.Clients % practices.Count ? 1 : 0);
    foreach (var id in practice.OpenCases.Where((_, n) => n % samepractice == i / practices.Count).Take(200))
    {
        worker.OwnOpenCases.Enqueue(id);
    }

    return worker;
}))).ToList();
var readConnections = workers.Select(w => w.Connection).ToList();

log.WriteLine($"{workers.Count} clients signed in, {run.Elapsed.TotalSeconds:0.0} s into the run; warm-up {options.WarmUp.TotalSeconds} s, then {options.Duration.TotalSeconds} s per scenario.");
var results = new List<Measurement>();
var screens = Scenarios.Screens().Where(s => options.Only is null || options.Only.Contains(s.Key)).ToList();
foreach (var scenario in screens)
{
    results.Add(await Runner.RunAsync(scenario, workers, options.WarmUp, options.Duration, server, admin, log));
}

log.WriteLine($"Screens measured, {run.Elapsed.TotalSeconds:0.0} s into the run.");
if (options.Only is null || options.Only.Contains("import"))
{
    var practice = practices[0];
    using var manager = await BenchClient.SignInAsync(server.BaseAddress, practice.Practice.ManagerEmail, Generator.Password);
    results.Add(await ImportScenario.RunAsync(server, manager, practice.Practice.Id, options.Quick ? ImportScenario.Rows / 10 : ImportScenario.Rows, log));
}

// Appointments in bulk, one run each, from one client of the first practice (issue 16). --quick sends a fiftieth.
var bulk = options.Quick ? 2_000 : 100_000;
foreach (var key in AppointmentScenarios.Keys.Where(k => options.Only is null || options.Only.Contains(k)))
{
    var practice = practices[0];
    try
    {
        if (key == "csv-100k")
        {
            // Ten times the budget's minute, so a slow import is measured rather than abandoned.
            using var manager = await BenchClient.SignInAsync(server.BaseAddress, practice.Practice.ManagerEmail, Generator.Password, TimeSpan.FromMinutes(10));
            results.Add(await AppointmentScenarios.CsvAsync(server, manager, practice, bulk, log));
        }
        else
        {
            using var api = BenchClient.ForApiKey(server.BaseAddress, practice.Practice.ApiKey);
            results.Add(await AppointmentScenarios.ApiAsync(server, api, practice, key == "api-batch-1000" ? 1_000 : bulk, key, log));
        }
    }
    catch (Exception e) when (e is BenchFailureException or HttpRequestException or OperationCanceledException)
    {
        log.WriteLine($"  {key}: {e.GetType().Name}: {e.Message}");
        results.Add(new Measurement(key, $"{key} (failed)", 0, 1, 0, 0, 0, 0, 0, null, null, server.Memory().Hwm, 0, $"{e.GetType().Name}: {e.Message}"));
    }
}

// The floors answer "how far is each screen from its data?", a question of the budgets at size: --quick leaves them out.
var floorKeys = options.Quick ? [] : screens.Select(s => s.FloorKey).OfType<string>().ToHashSet();
foreach (var floor in Scenarios.DataFloors().Where(f => floorKeys.Contains(f.Key)))
{
    results.Add(await Runner.RunAsync(floor, workers, options.WarmUp, options.Duration, null, null, log));
}

log.WriteLine($"Imports and floors measured, {run.Elapsed.TotalSeconds:0.0} s into the run.");
var memory = server.Memory();
var loadAfter = Machine.LoadAverage();
foreach (var worker in workers)
{
    worker.Client.Dispose();
    worker.Api?.Dispose();
    worker.FrontDesk?.Dispose();
}

readConnections.ForEach(c => c.Dispose());

var markdown = MarkdownReport.Build(options, sizes, generationSeconds, results, memory, loadBefore, loadAfter);
log.WriteLine();
log.WriteLine(markdown);
if (!options.NoDocs)
{
    var docs = Path.Combine(repository, "docs", "performance.md");
    MarkdownReport.WriteSection(docs, options.Label, markdown);
    log.WriteLine($"Written to {docs}, section \"{options.Label}\".");
}

return results.Sum(r => r.Errors) == 0 ? 0 : 1;
