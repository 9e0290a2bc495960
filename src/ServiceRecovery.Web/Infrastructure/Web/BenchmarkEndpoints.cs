using System.Diagnostics;
using Microsoft.Extensions.Options;
using ServiceRecovery.Web.Infrastructure.Startup;

namespace ServiceRecovery.Web.Infrastructure.Web;

/// <summary>The "Benchmarks" section.</summary>
public sealed class BenchmarkOptions : ISettings
{
    public static string Section => "Benchmarks";

    /// <summary>Map the two endpoints of the load benchmarks; off in a normal installation.</summary>
    public bool Endpoints { get; set; }
}

/// <summary>
/// Two endpoints for the load benchmarks (tests/ServiceRecovery.Benchmarks), mapped only when
/// <c>Benchmarks:Endpoints</c> is true; off by default, so a normal installation has neither.
/// <c>/bench/bare</c> is a small fixed page behind the same middleware and sign-in as every page: the cost of the
/// stack, the floor each screen is compared with. <c>/bench/gc</c> (administrators) reports the process's
/// allocations, collections and memory, so the harness can give allocations per request.
/// </summary>
public static class BenchmarkEndpoints
{
    public const string Setting = "Benchmarks:Endpoints";

    private const string BarePage = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bare</title></head><body><p>ok</p></body></html>";

    public static IServiceCollection AddBenchmarkEndpoints(this IServiceCollection services) => services.AddSettings<BenchmarkOptions>();

    /// <summary>Maps the endpoints when <see cref="Setting"/> is on; nothing otherwise.</summary>
    public static void MapBenchmarkEndpoints(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<BenchmarkOptions>>().Value.Endpoints)
        {
            return;
        }

        app.MapGet("/bench/bare", () => Results.Content(BarePage, "text/html; charset=utf-8"))
            .RequireAuthorization();
        app.MapGet("/bench/gc", () =>
            {
                using var process = Process.GetCurrentProcess();
                var info = GC.GetGCMemoryInfo();
                return Results.Json(new GcFigures(
                    GC.GetTotalAllocatedBytes(precise: false),
                    GC.CollectionCount(0),
                    GC.CollectionCount(1),
                    GC.CollectionCount(2),
                    GC.GetTotalMemory(forceFullCollection: false),
                    info.HeapSizeBytes,
                    process.WorkingSet64));
            })
            .RequireAuthorization(AppPolicies.Administrator);
    }

    public sealed record GcFigures(long AllocatedBytes, int Gen0, int Gen1, int Gen2, long ManagedBytes, long HeapSizeBytes, long WorkingSetBytes);
}
