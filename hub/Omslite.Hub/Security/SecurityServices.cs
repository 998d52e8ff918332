using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Omslite.Hub.Hosting;

using Omslite.Hub.Api;

namespace Omslite.Hub.Security;

/// <summary>Authentication (JWT bearer), the role policies, login rate limiting and CORS.</summary>
public static class SecurityServices
{
    public static IServiceCollection AddHubSecurity(this IServiceCollection services, OmsliteOptions options)
    {
        var key = SigningKey.Load(options);
        services.AddSingleton(key);
        services.AddSingleton<TokenService>();
        services.AddSingleton<UserAccounts>();

        var authentication = services.AddAuthentication("bearer")
            .AddPolicyScheme("bearer", "hub or external token", policy => policy.ForwardDefaultSelector = ExternalTokens.SelectScheme)
            .AddJwtBearer(ExternalTokens.Scheme, jwt => ExternalTokens.Configure(jwt, options));
        authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = TokenService.ValidationParameters(key);
            jwt.Events = new JwtBearerEvents
            {
                OnTokenValidated = RejectRevokedUsersAsync,
                OnChallenge = WriteUnauthorizedAsync,
                OnForbidden = WriteForbiddenAsync,
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(Policies.Write, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Operator))
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new ApiError("Слишком много попыток входа. Подождите минуту и попробуйте снова."), ct);
            limiter.AddPolicy(AuthEndpoints.LoginRateLimit, http =>
                RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.Auth.LoginAttemptsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }));
        });

        services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            // Same-origin by default: with no origins configured no cross-origin request is allowed.
            if (options.Auth.AllowedOrigins.Count > 0)
            {
                policy.WithOrigins([.. options.Auth.AllowedOrigins]).AllowAnyHeader().AllowAnyMethod();
            }
        }));
        return services;
    }

    public static WebApplication UseHubSecurity(this WebApplication app)
    {
        app.UseCors();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>A token outlives nothing: a deactivated user, a changed role or a removed MO ends it at once.</summary>
    private static async Task RejectRevokedUsersAsync(TokenValidatedContext context)
    {
        var user = CurrentUser.From(context.Principal!);
        var accounts = context.HttpContext.RequestServices.GetRequiredService<UserAccounts>();
        if (!await accounts.IsStillValidAsync(user.UserId, user.Role, user.MoId, context.HttpContext.RequestAborted))
        {
            context.Fail("the user is inactive, or their role or MO changed after the token was issued");
        }
    }

    internal static async Task WriteForbiddenAsync(ForbiddenContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsJsonAsync(new ApiError("Недостаточно прав для этого действия"));
    }

    internal static async Task WriteUnauthorizedAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var failure = context.AuthenticateFailure;
        if (failure is not null)
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(SecurityServices))
                .LogWarning("Rejected token for {Path}: {Reason}", context.Request.Path, failure.Message);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        var message = failure is SecurityTokenExpiredException ? "Срок действия токена истек" : "Требуется вход в систему";
        await context.Response.WriteAsJsonAsync(new ApiError(message));
    }
}
