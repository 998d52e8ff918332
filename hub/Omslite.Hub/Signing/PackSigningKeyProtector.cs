using Microsoft.AspNetCore.DataProtection;
using Omslite.Hub.Hosting;
using Omslite.Hub.Security;

namespace Omslite.Hub.Signing;

/// <summary>Encrypts the MO's private signing key at rest (its own Data Protection purpose, the hub's key ring).</summary>
public sealed class PackSigningKeyProtector(IDataProtector protector)
{
    private const string Purpose = "Omslite.PackSigning.PrivateKey";

    public static PackSigningKeyProtector Create(OmsliteOptions options) =>
        new(DataProtectionKeys.Provider(options).CreateProtector(Purpose));

    public string Protect(string privateKeyPem) => protector.Protect(privateKeyPem);

    /// <summary>The key in clear; a <see cref="System.Security.Cryptography.CryptographicException"/> when the key
    /// ring that encrypted it is gone.</summary>
    public string Unprotect(string protectedKey) => protector.Unprotect(protectedKey);
}
