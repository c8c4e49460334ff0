"""The home page: what the service is for and the golden rules of the method."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from stage1.methodology.models import Rule


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "methodology/home.html", {"rules": Rule.objects.for_stage(1)})
