from fazhi.core.models.audit import AuditEvent
from fazhi.core.models.bodies import Body, BodyName
from fazhi.core.models.jobs import JobRun
from fazhi.core.models.notifications import Notification
from fazhi.core.models.people import AccessGrant, Membership, User
from fazhi.core.models.submissions import Attachment, PublicSubmission

__all__ = [
    "AccessGrant",
    "Attachment",
    "AuditEvent",
    "Body",
    "BodyName",
    "JobRun",
    "Membership",
    "Notification",
    "PublicSubmission",
    "User",
]
