using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceRecovery.Testing;

namespace ServiceRecovery.Web.Tests.Support;

/// <summary>
/// Every row of every table of the app's SQLite database, read directly, so a test can tell whether a request
/// changed stored data, and find the values a request stored. The data-protection key ring and the migrations
/// history are left out: they are not data anyone entered.
/// </summary>
public sealed class StoredData
{
    private static readonly string[] NotData = ["__EFMigrationsHistory", "DataProtectionKeys"];

    private readonly Dictionary<string, Dictionary<string, string[]>> _tables;

    private StoredData(Dictionary<string, Dictionary<string, string[]>> tables) => _tables = tables;

    /// <summary>Reads every table but <paramref name="unwatched"/> ones.</summary>
    public static Task<StoredData> ReadAsync(AppFactory app, IReadOnlyCollection<string>? unwatched = null) => app.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var tables = new Dictionary<string, Dictionary<string, string[]>>();
            foreach (var table in await TableNamesAsync(connection))
            {
                if (NotData.Contains(table) || unwatched?.Contains(table) == true)
                {
                    continue;
                }

                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                var rows = new Dictionary<string, string[]>();
                while (await reader.ReadAsync())
                {
                    var cells = new string[reader.FieldCount];
                    for (var i = 0; i < cells.Length; i++)
                    {
                        cells[i] = reader.GetValue(i) switch
                        {
                            DBNull => "\u2400null",
                            byte[] bytes => Convert.ToBase64String(bytes),
                            IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
                            var value => value.ToString() ?? "",
                        };
                    }

                    rows.TryAdd(string.Join('\u001F', cells), cells);
                }

                tables[table] = rows;
            }

            return new StoredData(tables);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });

    /// <summary>The tables whose rows differ (added, changed or removed) in <paramref name="later"/>.</summary>
    public IReadOnlyList<string> TablesChangedIn(StoredData later) =>
        _tables.Keys.Union(later._tables.Keys)
            .Where(table => !_tables.TryGetValue(table, out var before) || !later._tables.TryGetValue(table, out var after)
                || before.Count != after.Count || before.Keys.Any(row => !after.ContainsKey(row)))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Every cell of the rows that are new, or changed, in <paramref name="later"/>.</summary>
    public IEnumerable<string> CellsNewIn(StoredData later) =>
        later._tables.SelectMany(table => table.Value
            .Where(row => !_tables.TryGetValue(table.Key, out var before) || !before.ContainsKey(row.Key))
            .SelectMany(row => row.Value));

    private static async Task<List<string>> TableNamesAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
