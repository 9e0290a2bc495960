using ServiceRecovery.Web.Infrastructure.Concurrency;

namespace ServiceRecovery.Web.Infrastructure.Pipeline;

/// <summary>
/// One command at a time writes to an SQLite database from this process (see docs/decisions/0004-sqlite-durability.md).
/// SQLite has one writer anyway; without this gate, commands that find the write lock taken wait in SQLite's busy
/// handler, which polls with growing sleeps (up to 100 ms), so a command could sleep long after the lock was free and
/// the waits came out in no order. Here they queue in order and each starts the moment the one before it commits.
/// SQLite's busy timeout still covers writers outside this gate (the background email service, a second process).
/// A command waits at most <see cref="Wait"/> (Database:WriteWaitSeconds) for its turn; then it is refused with
/// <see cref="StoreUnavailableException"/>, never left waiting for ever.
/// </summary>
public sealed class WriteGate(TimeSpan wait) : TurnGate(1)
{
    public TimeSpan Wait { get; } = wait;

    public async Task<IDisposable> EnterBoundedAsync(CancellationToken cancellationToken)
        => await TryEnterAsync(Wait, cancellationToken) ?? throw new StoreUnavailableException("the write gate");
}
