namespace Omslite.Hub.WorkingDatabase.Embedded;

/// <summary>The embedded PostgreSQL could not be set up or started; the message says what to do.</summary>
public sealed class EmbeddedPostgresException(string message, Exception? inner = null) : Exception(message, inner);
