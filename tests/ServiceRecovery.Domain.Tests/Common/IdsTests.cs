using System.Data.SqlTypes;

namespace ServiceRecovery.Domain.Tests.Common;

/// <summary>
/// New ids grow with time in the order the database compares them. <see cref="SqlGuid"/> compares as SQL Server does
/// (last six bytes first), so it stands in for the server here.
/// </summary>
public class IdsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static List<Guid> MadeOneMillisecondApart(IdOrder order) =>
        [.. Enumerable.Range(0, 200).Select(i => Ids.New(order, Start.AddMilliseconds(i)))];

    [Fact]
    public void Ids_for_sql_server_sort_in_the_order_they_were_made_as_sql_server_compares_them()
    {
        var made = MadeOneMillisecondApart(IdOrder.SqlServer);

        made.OrderBy(id => new SqlGuid(id)).ToList().ShouldBe(made);
    }

    [Fact]
    public void Version_7_ids_land_at_random_places_in_sql_servers_order_which_is_why_that_provider_gets_its_own()
    {
        var made = MadeOneMillisecondApart(IdOrder.Version7);

        made.OrderBy(id => new SqlGuid(id)).SequenceEqual(made).ShouldBeFalse();
        made.OrderBy(id => id.ToString(), StringComparer.Ordinal).ToList().ShouldBe(made, "as text, the way SQLite stores and compares them, version 7 ids are in time order");
    }

    [Fact]
    public void An_id_for_sql_server_keeps_every_byte_of_its_version_7_id_so_it_is_as_unique()
    {
        var version7 = Guid.CreateVersion7(Start);

        var moved = Ids.ForSqlServer(version7);

        moved.ShouldNotBe(version7);
        moved.ToByteArray().Order().ToList().ShouldBe(version7.ToByteArray().Order().ToList());
        Enumerable.Range(0, 10_000).Select(_ => Ids.New(IdOrder.SqlServer, Start)).Distinct().Count().ShouldBe(10_000);
    }
}
