using ServiceRecovery.Web.Infrastructure.Concurrency;

namespace ServiceRecovery.Web.Features.Queue;

/// <summary>
/// At most a few CSV exports run at once in this process; the others wait their turn rather than being refused. An
/// export keeps a core busy while it streams and allocates as it goes, so running more at once than there are cores
/// finishes none of them sooner; it only holds more memory at the same time (sixteen at once took the working set past
/// its budget).
/// </summary>
public sealed class ExportGate() : TurnGate(Capacity)
{
    public static int Capacity { get; } = Math.Clamp(Environment.ProcessorCount, 2, 4);
}
