from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ActionPlan, Indicator, StrategicGoal, Subgoal, Theme


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "first_year", "last_year"]
    inlines = [ThemeInline]


@admin.register(StrategicGoal)
class StrategicGoalAdmin(admin.ModelAdmin):
    list_display = ["number", "theme", "short_text", "plan"]
    list_filter = ["plan"]
    list_select_related = ["theme", "plan"]

    @admin.display(description=_("tekst"))
    def short_text(self, obj):
        return obj.text[:100]


@admin.register(Subgoal)
class SubgoalAdmin(admin.ModelAdmin):
    list_display = ["number", "short_text", "goal", "plan"]
    list_filter = ["plan", "goal__theme"]
    list_select_related = ["goal", "plan"]
    search_fields = ["text", "number"]

    @admin.display(description=_("tekst"))
    def short_text(self, obj):
        return obj.text[:100]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["number", "short_text", "kind", "applies_to", "plan"]
    list_filter = ["plan", "goal__theme", "kind", "signatories", "signatory_kinds"]
    search_fields = ["text", "number"]
    filter_horizontal = ["signatories", "signatory_kinds"]
    list_select_related = ["plan"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("signatories", "signatory_kinds")

    @admin.display(description=_("tekst"))
    def short_text(self, obj):
        return obj.text[:100]

    @admin.display(description=_("van toepassing op"))
    def applies_to(self, obj):
        names = [s.code for s in obj.signatories.all()]
        names += [k.name for k in obj.signatory_kinds.all()]
        return ", ".join(names)
