namespace Omslite.Hub.Api;

/// <summary>
/// Optimistic concurrency: every editable record carries a <c>version</c>; a save names the version it was based
/// on and is refused when somebody saved in between (two browser tabs), so no edit is silently lost.
/// </summary>
public static class Concurrency
{
    public const string ChangedByAnotherUser = "Изменено другим пользователем: обновите страницу и повторите правку";

    public static IResult Conflict() => ApiError.Conflict(ChangedByAnotherUser);
}
