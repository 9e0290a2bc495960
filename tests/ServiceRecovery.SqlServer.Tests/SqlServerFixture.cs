using DotNet.Testcontainers.Builders;
using Microsoft.Data.SqlClient;
using ServiceRecovery.Data;
using ServiceRecovery.Testing;
using Testcontainers.MsSql;

namespace ServiceRecovery.SqlServer.Tests;

/// <summary>
/// SQL Server 2022 in a container and the app on it, once for the class. When no Docker engine answers,
/// the reason is kept and every test skips with it.
/// </summary>
public sealed class SqlServerFixture : IAsyncLifetime
{
    private MsSqlContainer? _container;

    /// <summary>Why the tests cannot run here, or null when SQL Server is up.</summary>
    public string? SkipReason { get; private set; }

    public AppFactory App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        try
        {
            _container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
            await _container.StartAsync();
        }
        catch (DockerUnavailableException e)
        {
            var details = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => line.StartsWith("Docker is", StringComparison.Ordinal) || line.StartsWith("Failed to connect", StringComparison.Ordinal))
                .Distinct();
            SkipReason = $"No Docker engine answers, so SQL Server cannot start in a container. {string.Join(" ", details)}";
            return;
        }

        // The container's connection string points at master; the app gets a database of its own.
        var connectionString = new SqlConnectionStringBuilder(_container.GetConnectionString()) { InitialCatalog = "ServiceRecovery" }.ConnectionString;
        App = new AppFactory(DatabaseProvider.SqlServer, connectionString);
        await App.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
