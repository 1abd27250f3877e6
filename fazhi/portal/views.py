"""The public portal: what must be public, and what the public may submit."""

from django.shortcuts import render

from fazhi.core.models import Body


def home(request):
    bodies = Body.objects.current().filter(parent__isnull=True).prefetch_related("children")
    return render(request, "portal/home.html", {"roots": bodies})
