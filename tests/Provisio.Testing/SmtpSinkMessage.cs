namespace Provisio.Testing;

/// <summary>
/// One message an <see cref="SmtpSink"/> accepted: the envelope (<c>MAIL FROM</c>, each <c>RCPT TO</c>), the raw message
/// as sent after <c>DATA</c> (dot-stuffing undone, CRLF line ends), and who had authenticated on the connection, if anyone.
/// </summary>
public sealed record SmtpSinkMessage(string MailFrom, IReadOnlyList<string> Recipients, string Data, string? AuthenticatedUser, string? AuthenticationMechanism);
