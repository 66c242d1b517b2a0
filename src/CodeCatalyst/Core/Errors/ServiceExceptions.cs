using System;
using System.Management.Automation;

namespace CodeCatalyst
{
    /// <summary>
    /// An error response from the service: its error code, message, HTTP status and request id. An error code this
    /// module does not know is of this base type, with the category its HTTP status gives
    /// (see <see cref="ServiceErrorCategories.FromStatus"/>); the known error shapes of the model have types of their own.
    /// </summary>
    public class CodeCatalystServiceException : CodeCatalystException
    {
        public CodeCatalystServiceException(string errorCode, string serviceMessage, int statusCode, string? requestId,
            string operationName, int attempts)
            : this(errorCode, serviceMessage, statusCode, requestId, operationName, attempts,
                ServiceErrorCategories.FromStatus(statusCode, operationName))
        {
        }

        protected CodeCatalystServiceException(string errorCode, string serviceMessage, int statusCode, string? requestId,
            string operationName, int attempts, ErrorCategory category)
            : base(ComposeMessage(errorCode, serviceMessage, statusCode, requestId, operationName), category, null)
        {
            ErrorCode = errorCode;
            ServiceMessage = serviceMessage;
            StatusCode = statusCode;
            RequestId = requestId;
            OperationName = operationName;
            Attempts = attempts;
        }

        /// <summary>The service's error type, e.g. ResourceNotFoundException.</summary>
        public string ErrorCode { get; }

        /// <summary>The message as the service sent it, with the token redacted and cut to a loggable length.</summary>
        public string ServiceMessage { get; }

        public int StatusCode { get; }
        public string? RequestId { get; }
        public string OperationName { get; }
        public int Attempts { get; }

        private static string ComposeMessage(string errorCode, string serviceMessage, int statusCode, string? requestId,
            string operationName) =>
            $"{operationName} failed: {serviceMessage} ({errorCode}, HTTP {statusCode}, request id {requestId ?? "none"}).";
    }

    /// <summary>403: the token is not allowed to do this, or is no longer valid.</summary>
    public sealed class CodeCatalystAccessDeniedException : CodeCatalystServiceException
    {
        public CodeCatalystAccessDeniedException(string code, string message, int status, string? requestId, string operation, int attempts)
            : base(code, message, status, requestId, operation, attempts, ErrorCategory.PermissionDenied) { }
    }

    /// <summary>
    /// 409: the request conflicts with the resource's current state. On a Create* operation that is a name already
    /// taken (ResourceExists); on any other, a resource in the wrong state for the request (InvalidOperation).
    /// </summary>
    public sealed class CodeCatalystConflictException : CodeCatalystServiceException
    {
        public CodeCatalystConflictException(string code, string message, int status, string? requestId, string operation, int attempts)
            : base(code, message, status, requestId, operation, attempts, ServiceErrorCategories.OfConflict(operation)) { }
    }

    /// <summary>404: the resource, or one of its parents, does not exist (or is not visible to this token).</summary>
    public sealed class CodeCatalystResourceNotFoundException : CodeCatalystServiceException
    {
        public CodeCatalystResourceNotFoundException(string code, string message, int status, string? requestId, string operation, int attempts)
            : base(code, message, status, requestId, operation, attempts, ErrorCategory.ObjectNotFound) { }
    }

    /// <summary>402: a quota of the space would be exceeded.</summary>
    public sealed class CodeCatalystServiceQuotaExceededException : CodeCatalystServiceException
    {
        public CodeCatalystServiceQuotaExceededException(string code, string message, int status, string? requestId, string operation, int attempts)
            : base(code, message, status, requestId, operation, attempts, ErrorCategory.QuotaExceeded) { }
    }

    /// <summary>429: requests were throttled on every allowed attempt.</summary>
    public sealed class CodeCatalystThrottlingException : CodeCatalystServiceException
    {
        public CodeCatalystThrottlingException(string code, string message, int status, string? requestId, string operation, int attempts)
            : base(code, message, status, requestId, operation, attempts, ErrorCategory.LimitsExceeded) { }
    }

    /// <summary>
    /// 400: the service rejected the request. Usually the input (InvalidArgument); for an operation whose only inputs
    /// are ids checked before sending, the resource's state (InvalidOperation, see
    /// <see cref="ServiceErrorCategories.OfBadRequest"/>).
    /// </summary>
    public sealed class CodeCatalystValidationException : CodeCatalystServiceException
    {
        public CodeCatalystValidationException(string code, string message, int status, string? requestId, string operation, int attempts)
            : base(code, message, status, requestId, operation, attempts, ServiceErrorCategories.OfBadRequest(operation)) { }
    }

    /// <summary>
    /// The PowerShell category of a service error, from what the answer says for certain: its error shape, its HTTP
    /// status, and the operation that failed. Never from the wording of the message, which the service may change.
    /// </summary>
    internal static class ServiceErrorCategories
    {
        /// <summary>Operations that make a new resource under a name or id the caller chose or the service picks.</summary>
        public static bool Creates(string operationName) =>
            operationName.StartsWith("Create", StringComparison.Ordinal);

        /// <summary>A conflict on a create is a name already taken; elsewhere it is a resource in the wrong state.</summary>
        public static ErrorCategory OfConflict(string operationName) =>
            Creates(operationName) ? ErrorCategory.ResourceExists : ErrorCategory.InvalidOperation;

        /// <summary>
        /// Operations that answer a request they will not do in the resource's present state with 400 rather than
        /// 409, and whose every input is an id the module checks against the model before sending: Amplify's StopJob
        /// of a job that has already ended, and DeleteJob of one still running. A 400 from them cannot be about the
        /// input. Listed by operation because the code (BadRequestException) is the same as for bad input.
        /// </summary>
        private static readonly string[] BadRequestIsWrongState = { "StopJob", "DeleteJob" };

        /// <summary>The operations whose 400 means a resource in the wrong state.</summary>
        public static System.Collections.Generic.IEnumerable<string> WrongStateOnBadRequest => BadRequestIsWrongState;

        /// <summary>Whether a 400 from the operation means its resource is in the wrong state (see <see cref="BadRequestIsWrongState"/>).</summary>
        public static bool BadRequestMeansWrongState(string operationName) =>
            Array.IndexOf(BadRequestIsWrongState, operationName) >= 0;

        /// <summary>A 400 is bad input, except from an operation that can only be refused for its resource's state.</summary>
        public static ErrorCategory OfBadRequest(string operationName) =>
            BadRequestMeansWrongState(operationName) ? ErrorCategory.InvalidOperation : ErrorCategory.InvalidArgument;

        /// <summary>
        /// For an error code the module does not know: the statuses of the model's error shapes keep the category
        /// of that shape (400 ValidationException, 402 ServiceQuotaExceededException, 403 AccessDeniedException,
        /// 404 ResourceNotFoundException, 409 ConflictException, 429 ThrottlingException), 401 is a permission problem
        /// too, any 5xx is the service failing, and any other status is an operation the service would not do.
        /// </summary>
        public static ErrorCategory FromStatus(int statusCode, string operationName)
        {
            switch (statusCode)
            {
                case 400: return OfBadRequest(operationName);
                case 401:
                case 403: return ErrorCategory.PermissionDenied;
                case 402: return ErrorCategory.QuotaExceeded;
                case 404: return ErrorCategory.ObjectNotFound;
                case 409: return OfConflict(operationName);
                case 429: return ErrorCategory.LimitsExceeded;
                default: return statusCode >= 500 ? ErrorCategory.ConnectionError : ErrorCategory.InvalidOperation;
            }
        }
    }

    internal static class ServiceExceptionFactory
    {
        /// <summary>Picks the typed exception from the error type header or body, falling back to the status code.</summary>
        public static CodeCatalystServiceException Create(string? errorType, string message, int status, string? requestId,
            string operation, int attempts)
        {
            var code = string.IsNullOrEmpty(errorType) ? CodeFromStatus(status) : errorType!;
            switch (code)
            {
                case "AccessDeniedException": return new CodeCatalystAccessDeniedException(code, message, status, requestId, operation, attempts);
                case "ConflictException": return new CodeCatalystConflictException(code, message, status, requestId, operation, attempts);
                case "ResourceNotFoundException": return new CodeCatalystResourceNotFoundException(code, message, status, requestId, operation, attempts);
                case "ServiceQuotaExceededException": return new CodeCatalystServiceQuotaExceededException(code, message, status, requestId, operation, attempts);
                case "ThrottlingException": return new CodeCatalystThrottlingException(code, message, status, requestId, operation, attempts);
                case "ValidationException": return new CodeCatalystValidationException(code, message, status, requestId, operation, attempts);
                default: return FromStatus(code, message, status, requestId, operation, attempts);
            }
        }

        /// <summary>
        /// An error code this module does not know (a proxy's, or one the service adds later) still gets the kind its
        /// HTTP status says, so a 403 from a gateway is a permission problem, not a generic failure, and a script that
        /// catches CodeCatalystResourceNotFoundException also catches a 404 from a proxy. The code stays the error id.
        /// </summary>
        private static CodeCatalystServiceException FromStatus(string code, string message, int status, string? requestId,
            string operation, int attempts)
        {
            switch (status)
            {
                case 400: return new CodeCatalystValidationException(code, message, status, requestId, operation, attempts);
                case 401:
                case 403: return new CodeCatalystAccessDeniedException(code, message, status, requestId, operation, attempts);
                case 402: return new CodeCatalystServiceQuotaExceededException(code, message, status, requestId, operation, attempts);
                case 404: return new CodeCatalystResourceNotFoundException(code, message, status, requestId, operation, attempts);
                case 409: return new CodeCatalystConflictException(code, message, status, requestId, operation, attempts);
                case 429: return new CodeCatalystThrottlingException(code, message, status, requestId, operation, attempts);
                default: return new CodeCatalystServiceException(code, message, status, requestId, operation, attempts);
            }
        }

        private static string CodeFromStatus(int status)
        {
            switch (status)
            {
                case 400: return "ValidationException";
                case 401:
                case 403: return "AccessDeniedException";
                case 402: return "ServiceQuotaExceededException";
                case 404: return "ResourceNotFoundException";
                case 409: return "ConflictException";
                case 429: return "ThrottlingException";
                default: return status >= 500 ? "InternalServerException" : "UnknownError";
            }
        }
    }
}
