namespace ServiceRecovery.Web.Infrastructure.Concurrency;

/// <summary>
/// At most <c>capacity</c> callers at a time; the others wait their turn, in order, rather than being refused. Each
/// turn is given back when the value <see cref="EnterAsync"/> returns is disposed (once, however often it is disposed).
/// </summary>
public class TurnGate(int capacity) : IDisposable
{
    private readonly SemaphoreSlim turns = new(capacity, capacity);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await turns.WaitAsync(cancellationToken);
        return new Turn(turns);
    }

    /// <summary>As <see cref="EnterAsync"/>, but waits at most <paramref name="timeout"/>; null when the turn did not come.</summary>
    public async Task<IDisposable?> TryEnterAsync(TimeSpan timeout, CancellationToken cancellationToken)
        => await turns.WaitAsync(timeout, cancellationToken) ? new Turn(turns) : null;

    public void Dispose()
    {
        turns.Dispose();
        GC.SuppressFinalize(this);
    }

    private sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                turns.Release();
            }
        }
    }
}
