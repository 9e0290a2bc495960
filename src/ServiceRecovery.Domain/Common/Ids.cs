namespace ServiceRecovery.Domain;

/// <summary>How new ids are laid out, for the database the installation runs on.</summary>
public enum IdOrder
{
    /// <summary>RFC 9562 version 7: time first in the id's own byte order, as SQLite compares them.</summary>
    Version7,

    /// <summary>The same time, placed where SQL Server looks first when it orders a <c>uniqueidentifier</c>.</summary>
    SqlServer,
}

/// <summary>
/// Every new id of an entity. Ids are made in the domain (an aggregate and its records know their ids before they are
/// saved), and they grow with time so a new row lands at the end of its clustered key instead of at a random page.
/// SQL Server orders a <c>uniqueidentifier</c> by its last six bytes first (then 8–9, 6–7, 4–5, 0–3), so a version 7
/// id, time first, lands at random places there: on that provider the time goes into the last six bytes instead
/// (ADR 0008). One process runs on one provider; the start-up of the data services chooses the order.
/// </summary>
public static class Ids
{
    private static volatile int _order = (int)IdOrder.Version7;

    public static IdOrder Order => (IdOrder)_order;

    public static void Use(IdOrder order) => _order = (int)order;

    public static Guid New() => Shaped(Order, Guid.CreateVersion7());

    /// <summary>An id as it would have been made at <paramref name="at"/>, for tests of the order.</summary>
    public static Guid New(IdOrder order, DateTimeOffset at) => Shaped(order, Guid.CreateVersion7(at));

    private static Guid Shaped(IdOrder order, Guid version7) => order == IdOrder.SqlServer ? ForSqlServer(version7) : version7;

    /// <summary>
    /// The version 7 id's 48-bit millisecond time moved into the six bytes SQL Server compares first, most significant
    /// first; its random bytes (and version and variant) fill the rest, so the id stays as unique as it was.
    /// </summary>
    public static Guid ForSqlServer(Guid version7)
    {
        Span<byte> source = stackalloc byte[16];
        version7.TryWriteBytes(source, bigEndian: true, out _);
        Span<byte> target = stackalloc byte[16];
        // Laid out as Guid's own (little-endian) bytes, which are the bytes SQL Server stores and compares.
        source[10..16].CopyTo(target[..6]);
        source[6..10].CopyTo(target[6..10]);
        source[..6].CopyTo(target[10..16]);
        return new Guid(target);
    }
}
