from django.conf import settings


def service(request):
    """Expose the service name, phase and feedback address to every template.

    `feedback_url` is the configured address, or None: the banner then links
    to the service's own "Give feedback" page.
    """
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "feedback_url": settings.STAGE1_FEEDBACK_URL,
    }
