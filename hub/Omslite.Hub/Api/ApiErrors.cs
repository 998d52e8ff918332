namespace Omslite.Hub.Api;

/// <summary>One field's problem, named as the API names the field.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// The error body of every /api answer: a Russian message for the clinic user and, for validation, every field's
/// problem at once (the UI shows them at their fields).
/// </summary>
public sealed record ApiError(string Message, IReadOnlyList<FieldError>? Errors = null)
{
    public static IResult Unauthorized(string message = "Требуется вход в систему") =>
        Results.Json(new ApiError(message), statusCode: StatusCodes.Status401Unauthorized);

    public static IResult Forbidden() =>
        Results.Json(new ApiError("Недостаточно прав для этого действия"), statusCode: StatusCodes.Status403Forbidden);

    public static IResult NotFound(string message) =>
        Results.Json(new ApiError(message), statusCode: StatusCodes.Status404NotFound);

    public static IResult Invalid(IReadOnlyList<FieldError> errors) =>
        Results.Json(new ApiError("Исправьте ошибки: " + string.Join("; ", errors.Select(e => e.Message)), errors),
            statusCode: StatusCodes.Status400BadRequest);

    public static IResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static IResult Conflict(string message) =>
        Results.Json(new ApiError(message), statusCode: StatusCodes.Status409Conflict);
}
