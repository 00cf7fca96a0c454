"""Evaluation rounds in the admin, and each round's results with charts."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from gongkai.charts import bar_chart
from gongkai.org.policy import policy
from gongkai.org.wagtail_policy import PolicyPermissionPolicy

from .models import EvaluationRound
from .services import round_results

register_permission_policy(EvaluationRound, PolicyPermissionPolicy(
    EvaluationRound, {"add": "evaluation.manage", "change": "evaluation.manage", "delete": "evaluation.manage",
                      "view": "evaluation.results"}))


class ResponsesColumn(Column):
    def get_value(self, instance):
        return f"{instance.responses.count()} 份"


class ResultsLinkColumn(TitleColumn):
    def get_value(self, instance):
        return "查看结果"


class EvaluationViewSet(ModelViewSet):
    model = EvaluationRound
    name = "evaluations"
    url_prefix = "evaluations"
    icon = "tasks"
    menu_label = "评议"
    menu_order = 185
    add_to_admin_menu = True
    list_display = [TitleColumn("title", label="标题", url_name="evaluations:edit"),
                    "opens_on", "closes_on",
                    ResponsesColumn("responses", label="答卷"),
                    ResultsLinkColumn("results", label="结果",
                                      get_url=lambda r: reverse("evaluation_results", args=[r.pk]))]


@hooks.register("register_admin_viewset")
def register_evaluations():
    return EvaluationViewSet()


def results(request, pk):
    policy.require(request.user, "evaluation.results")
    evaluation = get_object_or_404(EvaluationRound, pk=pk)
    data = round_results(evaluation)
    for question in data["questions"]:
        if question.get("options") and question["answered"]:
            question["chart"] = bar_chart([o["label"] for o in question["options"]],
                                          [("人数", [o["count"] for o in question["options"]])], horizontal=True)
    return TemplateResponse(request, "evaluation/results.html", {"evaluation": evaluation, "results": data})


@hooks.register("register_admin_urls")
def evaluation_urls():
    return [path("evaluations/<int:pk>/results/", results, name="evaluation_results")]
