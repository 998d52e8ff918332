using Omslite.Hub.Api;

namespace Omslite.Hub.Security;

/// <summary>
/// Endpoints of MO data (patients, visits, packs, files, sources) answer only within the token's MO; a user without
/// an MO gets 403 before any query runs.
/// </summary>
public static class MoScope
{
    public static TBuilder RequireMo<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            CurrentUser.From(context.HttpContext.User).MoId is null
                ? Results.Json(new ApiError("Пользователь не привязан к МО"), statusCode: StatusCodes.Status403Forbidden)
                : await next(context));
}
