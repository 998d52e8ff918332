using Omslite.Hub.Hosting;
using Omslite.Hub.Registry;

namespace Omslite.Hub.Signing;

/// <summary>Pack signing: the openssl runner, the MOs' keys (encrypted), the upload check, the health probe.</summary>
public static class SigningServices
{
    public static IServiceCollection AddPackSigning(this IServiceCollection services, OmsliteOptions options)
    {
        services.AddSingleton(options.Signing);
        services.AddSingleton<OpenSslTool>();
        services.AddSingleton<GostCms>();
        services.AddSingleton(PackSigningKeyProtector.Create(options));
        services.AddSingleton<PackSigningKeyCheck>();
        services.AddSingleton<PackSigningKeyStore>();
        services.AddSingleton<SigningToolProbe>();
        services.AddSingleton<PackSigners>();
        return services;
    }

    /// <summary>The same parts for a CLI verb, which runs without the web host.</summary>
    public static (PackSigningKeyStore Keys, PackSigners Signers) ForCli(Npgsql.NpgsqlDataSource database, OmsliteOptions options)
    {
        var cms = new GostCms(new OpenSslTool(options.Signing));
        var keys = new PackSigningKeyStore(database, PackSigningKeyProtector.Create(options), new PackSigningKeyCheck(cms, options, TimeProvider.System));
        return (keys, new PackSigners(keys, cms, options, TimeProvider.System));
    }
}
