using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ServiceRecovery.Benchmarks;

/// <summary>
/// Writes entities as rows with prepared INSERTs, bypassing change tracking. Columns, complex-property columns,
/// value converters (DateTimeOffset as a number, enums as integers) and parameter types (Guid as text, decimal as
/// text) all come from the app's own EF model, so a row is exactly what the app's SaveChanges would write.
/// </summary>
public sealed class BulkWriter : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly IModel model;
    private readonly Dictionary<Type, TableInsert> inserts = [];
    private SqliteTransaction? transaction;

    public BulkWriter(SqliteConnection connection, IModel model)
    {
        this.connection = connection;
        this.model = model;
    }

    public long Rows { get; private set; }

    public void Begin() => transaction = connection.BeginTransaction();

    public void Commit()
    {
        transaction?.Commit();
        transaction?.Dispose();
        transaction = null;
    }

    public void Insert(object entity) => Insert(entity, null);

    /// <summary>
    /// An owned entity's row (a formal complaint, its pauses): its shadow key columns (the owner's "CaseId") take
    /// <paramref name="ownerId"/>, as EF fills them from the owner when it saves.
    /// </summary>
    public void Insert(object entity, Guid? ownerId)
    {
        var type = entity.GetType();
        if (!inserts.TryGetValue(type, out var insert))
        {
            var entityType = model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
            insert = new TableInsert(connection, entityType);
            inserts[type] = insert;
        }

        insert.Write(entity, ownerId, transaction);
        Rows++;
    }

    public void Dispose()
    {
        Commit();
        foreach (var insert in inserts.Values)
        {
            insert.Dispose();
        }
    }

    private sealed class TableInsert : IDisposable
    {
        private readonly SqliteCommand command;
        private readonly Column[] columns;

        public TableInsert(SqliteConnection connection, IEntityType entityType)
        {
            var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
            command = connection.CreateCommand();
            columns = entityType.GetFlattenedProperties()
                .Select((property, i) =>
                {
                    var mapping = property.GetRelationalTypeMapping();
                    var parameter = (SqliteParameter)mapping.CreateParameter(command, $"$p{i}", null, property.IsNullable);
                    command.Parameters.Add(parameter);
                    return new Column(property.GetColumnName(table)!, property.IsShadowProperty() ? null : property.GetGetter(), mapping.Converter, parameter);
                })
                .ToArray();
            command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                                  $"VALUES ({string.Join(", ", columns.Select(c => c.Parameter.ParameterName))})";
        }

        public void Write(object entity, Guid? ownerId, SqliteTransaction? transaction)
        {
            command.Transaction = transaction;
            foreach (var column in columns)
            {
                var value = column.Getter is null
                    ? ownerId ?? throw new InvalidOperationException($"{column.Name} is the owner's key: insert the row with its owner's id.")
                    : column.Getter.GetClrValueUsingContainingEntity(entity);
                if (value is not null && column.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                column.Parameter.Value = value ?? DBNull.Value;
            }

            if (columns.Length > 0 && command.ExecuteNonQuery() != 1)
            {
                throw new InvalidOperationException("A row was not written.");
            }
        }

        public void Dispose() => command.Dispose();
    }

    private sealed record Column(string Name, IClrPropertyGetter? Getter, ValueConverter? Converter, SqliteParameter Parameter);
}
