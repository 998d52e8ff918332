using System.Globalization;
using System.Text.Json;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.ReferenceBooks.Api.Editing;
using Omslite.Hub.ReferenceBooks.Api.Reading;
using Omslite.Hub.Security;

namespace Omslite.Hub.ReferenceBooks.Api;

/// <summary>
/// A book as the menu lists it: <c>key</c> names the field a row is addressed by in <c>/{book}/{key}</c>, and
/// <c>sortable</c> the fields <c>?sort=</c> accepts, <c>editing</c> (null for read-only books) describes the add/edit
/// dialog; <c>canEdit</c> says whether this caller may use it.
/// </summary>
public sealed record BookSummary(
    string Id, string Title, string Kind, string Group, bool CanEdit, long RowCount, string Key, IReadOnlyList<string> Sortable, BookForm? Editing);

/// <summary>
/// <c>/api/reference</c>: the books, and for every book its rows (paged, sorted, searched), one row, and for the
/// editable ones create, update and (soft) delete. Everything runs within the caller's MO; writes are for admins.
/// Book ids, parameters and rules: docs/api-reference-books.md.
/// </summary>
public static class ReferenceBookEndpoints
{
    private enum Operation
    {
        Create,
        Update,
        Delete,
    }

    public static void MapReferenceBooks(this RouteGroupBuilder api)
    {
        var books = api.MapGroup("/reference").RequireMo();
        books.MapGet("/", ListBooksAsync);
        books.MapGet("/{book}", ListRowsAsync);
        books.MapGet("/{book}/{key}", GetRowAsync);
        books.MapPost("/{book}", CreateAsync).RequireAuthorization(Policies.Admin);
        books.MapPut("/{book}/{key}", UpdateAsync).RequireAuthorization(Policies.Admin);
        books.MapDelete("/{book}/{key}", DeleteAsync).RequireAuthorization(Policies.Admin);
        books.MapPmuGroupMembership();
    }

    private static async Task<IResult> ListBooksAsync(CurrentUser user, NpgsqlDataSource database, TimeProvider clock, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var counts = await BookReader.CountAsync(conn, BookCatalog.All, Parameters(user, clock, BookFilter.None), ct);
        return Results.Ok(BookCatalog.All.Select(b => new BookSummary(
            b.Id,
            b.Title,
            b.Kind == BookKind.Federal ? "federal" : "local",
            b.Group,
            b.Editing is not null && user.Role == Roles.Admin,
            counts[b.Id],
            b.Key,
            [.. b.Columns.Where(c => c.Sortable).Select(c => c.Field)],
            BookForm.Of(b))));
    }

    private static async Task<IResult> ListRowsAsync(
        string book, PageRequest page, CurrentUser user, NpgsqlDataSource database, TimeProvider clock, HttpRequest request, CancellationToken ct)
    {
        var (descriptor, filter, problem) = Resolve(book, request);
        if (problem is not null)
        {
            return problem;
        }

        if (descriptor!.Search.Problem(page.Q) is { } tooShort)
        {
            return ApiError.Invalid("q", tooShort);
        }

        await using var conn = await database.OpenConnectionAsync(ct);
        return Results.Ok(await BookReader.ListAsync(conn, descriptor, page, filter!, Parameters(user, clock, filter!), ct));
    }

    private static async Task<IResult> GetRowAsync(
        string book, string key, CurrentUser user, NpgsqlDataSource database, TimeProvider clock, HttpRequest request, CancellationToken ct)
    {
        var (descriptor, filter, problem) = Resolve(book, request);
        if (problem is not null)
        {
            return problem;
        }

        return await FindAsync(descriptor!, key, filter!, user, database, clock, ct) is { } row
            ? Results.Ok(row)
            : ApiError.NotFound(NotFound(descriptor!, key));
    }

    private static Task<IResult> CreateAsync(
        string book, CurrentUser user, NpgsqlDataSource database, TimeProvider clock, HttpRequest request, CancellationToken ct) =>
        EditAsync(Operation.Create, book, null, user, database, clock, request, ct, async (editing, scope, _) =>
            await RecordEditor.CreateAsync(database, editing, scope, await JsonBody.ReadAsync(request, ct), ct));

    private static Task<IResult> UpdateAsync(
        string book, string key, CurrentUser user, NpgsqlDataSource database, TimeProvider clock, HttpRequest request, CancellationToken ct) =>
        EditAsync(Operation.Update, book, key, user, database, clock, request, ct, async (editing, scope, rowKey) =>
            await RecordEditor.UpdateAsync(database, editing, scope, rowKey!, await JsonBody.ReadAsync(request, ct), ct));

    private static Task<IResult> DeleteAsync(
        string book, string key, int? version, CurrentUser user, NpgsqlDataSource database, TimeProvider clock, HttpRequest request, CancellationToken ct) =>
        EditAsync(Operation.Delete, book, key, user, database, clock, request, ct, (editing, scope, rowKey) =>
            RecordEditor.DeleteAsync(database, editing, scope, rowKey!, version, ct));

    /// <summary>The path every write shares: the book and whether it allows this; the key; the edit; the answer.</summary>
    private static async Task<IResult> EditAsync(
        Operation operation, string book, string? key, CurrentUser user, NpgsqlDataSource database, TimeProvider clock,
        HttpRequest request, CancellationToken ct, Func<BookEditing, EditScope, object?, Task<EditOutcome>> edit)
    {
        var (descriptor, filter, problem) = Resolve(book, request);
        if ((problem ?? Refusal(descriptor!, operation)) is { } refused)
        {
            return refused;
        }

        var rowKey = key is null ? null : BookReader.ParseKey(descriptor!, key);
        if (key is not null && rowKey is null)
        {
            return ApiError.NotFound(NotFound(descriptor!, key));
        }

        var scope = new EditScope(user.Login, user.Mo, Parameters(user, clock, filter!), NotFound(descriptor!, key ?? ""));
        var outcome = await edit(descriptor!.Editing!, scope, rowKey);
        if (outcome.Problem is not null)
        {
            return outcome.Problem;
        }

        if (operation == Operation.Delete)
        {
            return Results.NoContent();
        }

        var saved = Convert.ToString(outcome.Key, CultureInfo.InvariantCulture)!;
        var row = await FindAsync(descriptor, saved, filter!, user, database, clock, ct);
        return operation == Operation.Create
            ? Results.Created($"/api/reference/{descriptor.Id}/{Uri.EscapeDataString(saved)}", row)
            : Results.Ok(row);
    }

    private static (BookDescriptor? Book, BookFilter? Filter, IResult? Problem) Resolve(string book, HttpRequest request)
    {
        if (BookCatalog.Find(book) is not { } descriptor)
        {
            return (null, null, ApiError.NotFound($"Справочник «{book}» не найден"));
        }

        var (filter, problem) = BookFilter.From(request.Query);
        return (descriptor, filter, problem);
    }

    private static IResult? Refusal(BookDescriptor book, Operation operation) => book.Editing switch
    {
        null => NotAllowed($"Справочник «{book.Title}» только для чтения"),
        { CanCreate: false } when operation == Operation.Create => NotAllowed($"В справочник «{book.Title}» записи не добавляются"),
        { SoftDelete: false } when operation == Operation.Delete => NotAllowed($"Записи справочника «{book.Title}» не удаляются"),
        _ => null,
    };

    private static async Task<JsonElement?> FindAsync(
        BookDescriptor book, string key, BookFilter filter, CurrentUser user, NpgsqlDataSource database, TimeProvider clock, CancellationToken ct)
    {
        if (BookReader.ParseKey(book, key) is not { } rowKey)
        {
            return null;
        }

        await using var conn = await database.OpenConnectionAsync(ct);
        return await BookReader.FindAsync(conn, book, rowKey, filter, Parameters(user, clock, filter), ct);
    }

    private static Dapper.DynamicParameters Parameters(CurrentUser user, TimeProvider clock, BookFilter filter) =>
        BookParameters.Create(user.Mo, BookParameters.Today(clock), filter);

    private static string NotFound(BookDescriptor book, string key) => $"Запись «{key}» не найдена в справочнике «{book.Title}»";

    private static IResult NotAllowed(string message) =>
        Results.Json(new ApiError(message), statusCode: StatusCodes.Status405MethodNotAllowed);
}
