using System.Net.Sockets;
using Npgsql;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.Legacy;

/// <summary>Opens a connection to a legacy database and says in Russian why it could not.</summary>
internal static class LegacyDatabase
{
    /// <summary>The source setting naming the schema of the legacy tables (the original's <c>schema</c>).</summary>
    public const string SchemaSetting = "Schema";

    /// <summary>
    /// The source setting with the region's MO-code prefix (e.g. <c>250</c>) for short codes missing from
    /// <c>mo_local</c>; by default the prefix most of <c>mo_local</c>'s codes share.
    /// </summary>
    public const string MoCodePrefixSetting = "MoCodePrefix";

    /// <summary>Opens the connection; throws <see cref="LegacySourceException"/> with the reason.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(SourceConnection source, CancellationToken ct)
    {
        var builder = Builder(source);
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            await connection.DisposeAsync();
            throw new LegacySourceException(Describe(ex, builder), ex);
        }
    }

    /// <summary>The schema that holds the legacy tables (default <c>public</c>).</summary>
    public static string SchemaName(SourceConnection source) => source.Setting(SchemaSetting, "public")!;

    private static NpgsqlConnectionStringBuilder Builder(SourceConnection source)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            throw new LegacySourceException($"Строка подключения к базе исходной системы неверна: {ex.Message}", ex);
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new LegacySourceException("В строке подключения к базе исходной системы не указан сервер (Host).");
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "omslite-legacy";
        }

        return builder;
    }

    /// <summary>One Russian sentence saying what went wrong and what to check.</summary>
    public static string Describe(Exception ex, NpgsqlConnectionStringBuilder b)
    {
        var server = $"{b.Host}:{b.Port}";
        var user = b.Username ?? Environment.UserName;
        return ex switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
                $"Сервер PostgreSQL {server} отклонил вход: неверный пароль пользователя «{user}». Проверьте имя пользователя и пароль в строке подключения.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } pg =>
                $"Сервер PostgreSQL {server} не впускает пользователя «{user}» в базу «{b.Database}»: {pg.MessageText}. Проверьте имя пользователя, пароль и pg_hba.conf сервера.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"На сервере PostgreSQL {server} нет базы данных «{b.Database}». Проверьте имя базы (Database) в строке подключения.",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } pg =>
                $"Пользователю «{user}» не хватает прав в базе «{b.Database}»: {pg.MessageText}.",
            PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections } pg =>
                $"Сервер PostgreSQL {server} сейчас не принимает подключения: {pg.MessageText}. Повторите позже.",
            PostgresException pg =>
                $"Сервер PostgreSQL {server} ответил ошибкой {pg.SqlState}: {pg.MessageText}.",
            _ when Find<SocketException>(ex) is { } socket =>
                $"Сервер базы данных {server} недоступен ({SocketReason(socket)}). Проверьте адрес и порт в строке подключения, что сервер PostgreSQL запущен и принимает подключения по сети.",
            _ when Find<TimeoutException>(ex) is not null =>
                $"Сервер базы данных {server} недоступен: истекло время ожидания ответа. Проверьте адрес и порт в строке подключения и сеть до сервера.",
            NpgsqlException when ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase) =>
                $"Сервер PostgreSQL {server} требует пароль пользователя «{user}», а в строке подключения его нет.",
            _ when Find<IOException>(ex) is not null =>
                $"Связь с сервером базы данных {server} прервалась: {ex.Message}. Проверьте сеть до сервера.",
            _ => $"Не удалось подключиться к базе исходной системы на {server}: {ex.Message}",
        };
    }

    private static string SocketReason(SocketException socket) => socket.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "в подключении отказано: на этом порту никто не слушает",
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "имя сервера не найдено",
        SocketError.TimedOut => "истекло время ожидания",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "нет маршрута до сервера",
        _ => socket.Message,
    };

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
            {
                return found;
            }
        }

        return null;
    }
}

/// <summary>A legacy database that cannot be read as it is; the message says what to fix, in Russian.</summary>
internal sealed class LegacySourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LegacySourceException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
