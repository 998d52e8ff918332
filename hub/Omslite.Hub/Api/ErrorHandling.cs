using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Omslite.Hub.Api;

/// <summary>
/// An unexpected failure answers with the same JSON error body as every other /api answer: a Russian message for the
/// user, the details only in the log for the admin. A lost working database answers 503 so clients can retry.
/// </summary>
public static class ErrorHandling
{
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(handler => handler.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ErrorHandling));
            if (error is BadHttpRequestException bad)
            {
                // Kestrel's own refusals: an upload over the size limit (413), a malformed request (400).
                context.Response.StatusCode = bad.StatusCode;
                await context.Response.WriteAsJsonAsync(new ApiError(bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "Файл слишком большой: не больше 50 МБ"
                    : "Неверный запрос"));
                return;
            }

            var databaseDown = error is NpgsqlException { IsTransient: true } or TimeoutException;
            log.LogError(error, "Request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            context.Response.StatusCode = databaseDown ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new ApiError(databaseDown
                ? "База данных недоступна. Повторите попытку через минуту."
                : "Внутренняя ошибка сервера. Подробности записаны в журнал для администратора."));
        }));
        return app;
    }
}
